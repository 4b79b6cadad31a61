package io.calisera.bff.provider;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/** QR codes (ZXing) as PNG (the JDK's ImageIO) or SVG (one path of dark modules). */
final class QrCodes {

  private static final Map<EncodeHintType, Object> HINTS =
      Map.of(
          EncodeHintType.ERROR_CORRECTION,
          ErrorCorrectionLevel.M,
          EncodeHintType.CHARACTER_SET,
          StandardCharsets.UTF_8.name(),
          EncodeHintType.MARGIN,
          4);

  private QrCodes() {}

  /** A square PNG of {@code size} pixels, quiet zone included. */
  static byte[] png(String text, int size) {
    BitMatrix matrix = encode(text, size);
    BufferedImage image =
        new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < matrix.getHeight(); y++) {
      for (int x = 0; x < matrix.getWidth(); x++) {
        image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    try (var out = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An SVG of {@code size} user units square, one unit per module in its view box. */
  static byte[] svg(String text, int size) {
    BitMatrix matrix = encode(text, 0);
    int n = matrix.getWidth();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < n; y++) {
      int x = 0;
      while (x < n) {
        if (!matrix.get(x, y)) {
          x++;
          continue;
        }
        int run = x;
        while (run < n && matrix.get(run, y)) {
          run++;
        }
        path.append('M').append(x).append(' ').append(y);
        path.append('h').append(run - x).append("v1h-").append(run - x).append('z');
        x = run;
      }
    }
    String svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
            + size
            + "\" height=\""
            + size
            + "\" viewBox=\"0 0 "
            + n
            + " "
            + n
            + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\""
            + " fill=\"#fff\"/><path fill=\"#000\" d=\""
            + path
            + "\"/></svg>";
    return svg.getBytes(StandardCharsets.UTF_8);
  }

  private static BitMatrix encode(String text, int size) {
    try {
      return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, HINTS);
    } catch (WriterException e) {
      throw new IllegalStateException("A booking URL always fits into a QR code", e);
    }
  }
}
