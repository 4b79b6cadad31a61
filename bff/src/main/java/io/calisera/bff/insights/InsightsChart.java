package io.calisera.bff.insights;

import io.calisera.api.insights.InsightFigures;
import io.calisera.api.insights.InsightFigures.DayFigures;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.SimpleDateFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGGraphics2DIOException;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickMarkPosition;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.RangeType;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Bookings per local day as an SVG bar chart (JFreeChart drawing into Batik's SVG generator), made
 * for a phone: 360 by 240 user units, so that at 360 px wide every label is at least 11 px, with a
 * title, the range and zone, labelled axes with whole numbers of bookings, and a text alternative
 * ({@code <title>}, {@code <desc>}) that lists the figures.
 */
final class InsightsChart {

  static final int WIDTH = 360;
  static final int HEIGHT = 240;

  /** The bars' colour (teal, 4.9:1 against white), which tests look for. */
  static final Color BAR = new Color(0x1b, 0x7f, 0x79);

  private static final String SVG = "http://www.w3.org/2000/svg";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  static {
    // JFreeChart draws rotated labels (the vertical axis's) as a TextLayout by default, which
    // Batik writes as glyph outlines: with drawString they stay a real, readable <text>.
    TextUtils.setUseDrawRotatedStringWorkaround(false);
  }

  private InsightsChart() {}

  static String svg(InsightFigures figures, ZoneId zone) {
    TimeZone timeZone = TimeZone.getTimeZone(zone);
    TimeSeries bookings = new TimeSeries("Bookings");
    for (DayFigures day : figures.byDay()) {
      bookings.add(
          new Day(Date.from(day.date().atStartOfDay(zone).toInstant()), timeZone, Locale.ENGLISH),
          day.bookings());
    }
    JFreeChart chart = chart(new TimeSeriesCollection(bookings, timeZone), timeZone);
    chart.setTitle(new TextTitle("Bookings per day", new Font(Font.SANS_SERIF, Font.BOLD, 15)));
    TextTitle range =
        new TextTitle(
            DATE.format(figures.from()) + " – " + DATE.format(figures.to()) + " (" + zone + ")",
            new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    range.setPaint(Color.DARK_GRAY);
    chart.addSubtitle(range);
    return write(chart, figures, zone);
  }

  private static JFreeChart chart(TimeSeriesCollection data, TimeZone zone) {
    Font labels = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    DateAxis dates = new DateAxis("Date", zone, Locale.ENGLISH);
    SimpleDateFormat dayFormat = new SimpleDateFormat("d MMM", Locale.ENGLISH);
    dayFormat.setTimeZone(zone);
    dates.setDateFormatOverride(dayFormat);
    // a date's label under the middle of its bar, not at the midnight that ends the day before
    dates.setTickMarkPosition(DateTickMarkPosition.MIDDLE);
    dates.setLabelFont(labels);
    dates.setTickLabelFont(ticks);
    dates.setLowerMargin(0.01);
    dates.setUpperMargin(0.01);

    NumberAxis count = new NumberAxis("Bookings");
    count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    count.setRangeType(RangeType.POSITIVE);
    count.setAutoRangeIncludesZero(true);
    count.setAutoRangeMinimumSize(1);
    count.setLabelFont(labels);
    count.setTickLabelFont(ticks);

    XYBarRenderer bars = new XYBarRenderer(0.15);
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setSeriesPaint(0, BAR);

    XYPlot plot = new XYPlot(data, dates, count, bars);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setOutlineVisible(false);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinePaint(new Color(0xd0, 0xd0, 0xd0));
    plot.setRangeGridlineStroke(new BasicStroke(0.5f));
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);

    JFreeChart chart = new JFreeChart(plot);
    chart.removeLegend();
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 4, 4, 8));
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    return chart;
  }

  private static String write(JFreeChart chart, InsightFigures figures, ZoneId zone) {
    Document document =
        GenericDOMImplementation.getDOMImplementation().createDocument(SVG, "svg", null);
    SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
    context.setComment(null);
    SVGGraphics2D graphics = new SVGGraphics2D(context, false);
    graphics.setSVGCanvasSize(new Dimension(WIDTH, HEIGHT));
    chart.draw(graphics, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));

    Element root = graphics.getRoot();
    root.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
    root.setAttribute("role", "img");
    root.setAttribute("aria-labelledby", "chart-title chart-desc");
    Element title = document.createElementNS(SVG, "title");
    title.setAttribute("id", "chart-title");
    title.setTextContent(
        "Bookings per day, " + DATE.format(figures.from()) + " to " + DATE.format(figures.to()));
    Element desc = document.createElementNS(SVG, "desc");
    desc.setAttribute("id", "chart-desc");
    desc.setTextContent(description(figures, zone));
    root.insertBefore(desc, root.getFirstChild());
    root.insertBefore(title, root.getFirstChild());

    StringWriter svg = new StringWriter();
    try {
      graphics.stream(root, svg, true, false);
    } catch (SVGGraphics2DIOException e) {
      throw new UncheckedIOException(e.getMessage(), new java.io.IOException(e));
    }
    return svg.toString();
  }

  /** The figures in words: the total, then each date with bookings. */
  private static String description(InsightFigures figures, ZoneId zone) {
    StringBuilder text =
        new StringBuilder(figures.bookings() + " bookings in all, by local dates of " + zone + ".");
    for (DayFigures day : figures.byDay()) {
      if (day.bookings() > 0) {
        text.append(' ')
            .append(DAY.format(day.date()))
            .append(": ")
            .append(day.bookings())
            .append('.');
      }
    }
    return text.toString();
  }
}
