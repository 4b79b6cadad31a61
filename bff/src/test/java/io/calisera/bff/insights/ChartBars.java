package io.calisera.bff.insights;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What a person sees in the insights chart, read from its SVG: the bars (rectangles in the bars'
 * colour, left to right), its texts, title and description.
 */
public final class ChartBars {

  /** A bar: its left edge and its height in user units. */
  public record Bar(double x, double height) {}

  private final Document svg;

  private ChartBars(Document svg) {
    this.svg = svg;
  }

  public static ChartBars of(String svg) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // the SVG 1.0 doctype names a DTD on the web, which a parser need not fetch
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return new ChartBars(
          factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg))));
    } catch (Exception e) {
      throw new IllegalArgumentException("Not an SVG document", e);
    }
  }

  /** The bars, left to right; a day without bookings draws none or one of no height. */
  public List<Bar> bars() {
    String colour =
        String.format(
                Locale.ROOT,
                "rgb(%d,%d,%d)",
                InsightsChart.BAR.getRed(),
                InsightsChart.BAR.getGreen(),
                InsightsChart.BAR.getBlue())
            .replace(" ", "");
    List<Bar> bars = new ArrayList<>();
    NodeList rects = svg.getElementsByTagNameNS("*", "rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      String fill = fillOf(rect);
      if (fill.equals(colour) || fill.equalsIgnoreCase(hex())) {
        double height = Double.parseDouble(rect.getAttribute("height"));
        if (height > 0) {
          bars.add(new Bar(Double.parseDouble(rect.getAttribute("x")), height));
        }
      }
    }
    bars.sort(Comparator.comparingDouble(Bar::x));
    return bars;
  }

  /** Every text the chart shows, in document order. */
  public List<String> texts() {
    List<String> texts = new ArrayList<>();
    NodeList nodes = svg.getElementsByTagNameNS("*", "text");
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().strip());
    }
    return texts;
  }

  public String title() {
    return svg.getElementsByTagNameNS("*", "title").item(0).getTextContent();
  }

  public String description() {
    return svg.getElementsByTagNameNS("*", "desc").item(0).getTextContent();
  }

  private static String hex() {
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        InsightsChart.BAR.getRed(),
        InsightsChart.BAR.getGreen(),
        InsightsChart.BAR.getBlue());
  }

  /** The fill of an element or of the group it is in (Batik writes styles on groups). */
  private static String fillOf(Element element) {
    for (var node = (org.w3c.dom.Node) element;
        node instanceof Element e;
        node = node.getParentNode()) {
      String fill = e.getAttribute("fill");
      if (fill.isEmpty()) {
        String style = e.getAttribute("style");
        int at = style.indexOf("fill:");
        if (at >= 0) {
          int end = style.indexOf(';', at);
          fill = style.substring(at + 5, end < 0 ? style.length() : end).strip();
        }
      }
      if (!fill.isEmpty()) {
        return fill.replace(" ", "");
      }
    }
    return "";
  }
}
