package io.filterplayground.app.timeline;

import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Lays out one timeline line: a fixed gutter on the left, then equal lanes, one per filter. A child
 * with lane index i fills lane i; lane -1 spans every lane (stream notes). The header uses the same
 * pane, so lanes and titles line up.
 */
final class LanePane extends Region {
    static final double GUTTER = 34;
    static final double MIN_LANE = 104;
    static final double GAP = 4;

    private final int lanes;

    LanePane(int lanes) {
        this.lanes = Math.max(1, lanes);
        getStyleClass().add("lane-pane");
    }

    /** Adds {@code node} in lane {@code lane} (-1: across all lanes, -2: the gutter). */
    void put(Node node, int lane) {
        node.getProperties().put("lane", lane);
        getChildren().add(node);
    }

    static double minWidthFor(int lanes) {
        return GUTTER + Math.max(1, lanes) * MIN_LANE;
    }

    @Override
    protected double computePrefWidth(double height) {
        return minWidthFor(lanes);
    }

    @Override
    protected double computeMinWidth(double height) {
        return minWidthFor(lanes);
    }

    @Override
    protected double computePrefHeight(double width) {
        double h = 0;
        for (Node n : getChildren()) {
            h = Math.max(h, n.prefHeight(-1));
        }
        return h + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected void layoutChildren() {
        double top = snappedTopInset();
        double h = getHeight() - top - snappedBottomInset();
        double laneWidth = Math.max(MIN_LANE, (getWidth() - GUTTER) / lanes);
        for (Node n : getChildren()) {
            int lane = (int) n.getProperties().getOrDefault("lane", -1);
            double x;
            double w;
            if (lane == -2) {
                x = 0;
                w = GUTTER - GAP;
            } else if (lane < 0) {
                x = GUTTER;
                w = laneWidth * lanes - GAP;
            } else {
                x = GUTTER + lane * laneWidth;
                w = laneWidth - GAP;
            }
            n.resizeRelocate(snapPositionX(x), top, snapSizeX(w), h);
        }
    }
}
