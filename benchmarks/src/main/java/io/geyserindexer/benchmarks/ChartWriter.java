package io.geyserindexer.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Line charts of a {@link TimeSeries} as PNG, headless: chosen columns over time, with the run's
 * phases (warm-up, slow database, ...) shaded and labelled.
 */
final class ChartWriter {

  /** A stretch of the run to shade, in the series' seconds. */
  record Phase(String label, double from, double to) {}

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 480;
  private static final Color[] SHADES = {
    new Color(230, 230, 230, 140), new Color(255, 220, 200, 140), new Color(210, 230, 255, 140)
  };

  static {
    // No display on a build machine: AWT must never try to open one.
    System.setProperty("java.awt.headless", "true");
  }

  private ChartWriter() {}

  static void write(
      Path png,
      String title,
      String yLabel,
      TimeSeries series,
      List<String> columns,
      List<Phase> phases)
      throws IOException {
    XYSeriesCollection data = new XYSeriesCollection();
    for (String column : columns) {
      XYSeries line = new XYSeries(column, false, true);
      for (int row = 0; row < series.size(); row++) {
        double value = series.value(row, column);
        // A missing value leaves a gap instead of a drop to zero.
        line.add(series.time(row), Double.isNaN(value) ? null : value);
      }
      data.addSeries(line);
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            title,
            "seconds since start",
            yLabel,
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    for (int i = 0; i < columns.size(); i++) {
      plot.getRenderer().setSeriesStroke(i, new BasicStroke(2f));
    }
    for (int i = 0; i < phases.size(); i++) {
      Phase phase = phases.get(i);
      IntervalMarker marker =
          new IntervalMarker(phase.from(), phase.to(), SHADES[i % SHADES.length]);
      marker.setLabel(phase.label());
      marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      plot.addDomainMarker(marker, Layer.BACKGROUND);
    }
    Files.createDirectories(png.toAbsolutePath().getParent());
    ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
  }
}
