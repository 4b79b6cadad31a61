package io.calisera.bff.provider;

import io.calisera.bff.auth.Public;
import io.calisera.bff.ratelimit.RateLimit;
import io.calisera.bff.ratelimit.RateLimited;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.Ids;
import io.calisera.bff.web.Links;
import io.calisera.bff.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The QR code of a provider's booking page, for print and for the provider's app. */
@RestController
@Tag(name = "Providers and services")
class QrCodeController {

  static final int MIN_SIZE = 64;
  static final int MAX_SIZE = 1024;

  private final Owners owners;
  private final Links links;

  QrCodeController(Owners owners, Links links) {
    this.owners = owners;
    this.links = links;
  }

  @Public
  @RateLimited(RateLimit.QR_CODES)
  @GetMapping("/api/v1/providers/{providerId}/qr")
  @Operation(
      summary = "A QR code that encodes the provider's bookingUrl",
      description =
          "format png (default) or svg; size in pixels (png) or user units (svg), "
              + MIN_SIZE
              + " to "
              + MAX_SIZE
              + ", default 256. The provider may also be named by its slug.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "the QR code",
              content = {
                @Content(
                    mediaType = "image/png",
                    schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/svg+xml", schema = @Schema(type = "string"))
              }))
  @ApiProblems({ProblemCode.NOT_FOUND, ProblemCode.SERVICE_UNAVAILABLE})
  ResponseEntity<byte[]> qr(
      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String providerId,
      @RequestParam(defaultValue = "png")
          @Pattern(regexp = "png|svg", message = "must be png or svg")
          String format,
      @RequestParam(defaultValue = "256") @Min(MIN_SIZE) @Max(MAX_SIZE) int size) {
    String bookingUrl = links.bookingUrl(owners.provider(providerId).slug());
    boolean svg = format.equals("svg");
    return ResponseEntity.ok()
        .contentType(svg ? MediaType.valueOf("image/svg+xml") : MediaType.IMAGE_PNG)
        // the slug, and so the URL, can change: cacheable, but not for long
        .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
        .body(svg ? QrCodes.svg(bookingUrl, size) : QrCodes.png(bookingUrl, size));
  }
}
