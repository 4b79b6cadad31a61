package io.calisera.bff.account;

import io.calisera.api.account.DevicePlatform;
import io.calisera.api.account.RegisterDeviceCommand;
import io.calisera.api.account.UnregisterDeviceCommand;
import io.calisera.api.common.Actor;
import io.calisera.bff.auth.Authenticated;
import io.calisera.bff.auth.Caller;
import io.calisera.bff.auth.CurrentActor;
import io.calisera.bff.gateway.CommandSender;
import io.calisera.bff.web.ApiProblems;
import io.calisera.bff.web.ProblemCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller's push devices, recorded as events of their account by the command side. */
@RestController
@Tag(name = "Account")
class DeviceController {

  /** Printable ASCII without spaces, as the platforms' tokens and compact JSON are. */
  static final String TOKEN = "[!-~]{1," + RegisterDeviceCommand.MAX_TOKEN_LENGTH + "}";

  private final CommandSender commands;
  private final Clock clock;

  DeviceController(CommandSender commands, Clock clock) {
    this.commands = commands;
    this.clock = clock;
  }

  /**
   * @param token the platform's address of the device: an FCM registration token, an APNs device
   *     token, or a Web Push subscription as compact JSON
   */
  record DeviceRequest(
      @NotNull DevicePlatform platform,
      @NotBlank @Pattern(regexp = TOKEN, message = "must be printable ASCII without spaces")
          String token) {}

  record DeviceResponse(DevicePlatform platform, String token) {}

  @Authenticated
  @PostMapping("/api/v1/me/devices")
  @Operation(
      summary = "Register a device for push messages",
      description =
          "Who may call it: any authenticated caller, for their own account. Idempotent per token:"
              + " registering it again answers 201 and changes nothing. An account keeps its 10"
              + " most recently registered devices.")
  @ApiProblems({ProblemCode.SERVICE_UNAVAILABLE})
  ResponseEntity<DeviceResponse> register(
      @Valid @RequestBody DeviceRequest request,
      @AuthenticationPrincipal Caller caller,
      @CurrentActor Actor actor) {
    commands.send(
        new RegisterDeviceCommand(
            caller.accountId(), request.platform(), request.token(), actor, clock.instant()));
    return ResponseEntity.created(URI.create("/api/v1/me/devices"))
        .body(new DeviceResponse(request.platform(), request.token()));
  }

  @Authenticated
  @DeleteMapping("/api/v1/me/devices/{token}")
  @Operation(
      summary = "Remove a device",
      description =
          "Who may call it: any authenticated caller, for their own account. 204, also for a"
              + " token the account does not have.")
  @ApiProblems({ProblemCode.SERVICE_UNAVAILABLE})
  ResponseEntity<Void> unregister(
      @PathVariable @Pattern(regexp = TOKEN, message = "must be printable ASCII without spaces")
          String token,
      @AuthenticationPrincipal Caller caller,
      @CurrentActor Actor actor) {
    commands.send(new UnregisterDeviceCommand(caller.accountId(), token, actor, clock.instant()));
    return ResponseEntity.noContent().build();
  }
}
