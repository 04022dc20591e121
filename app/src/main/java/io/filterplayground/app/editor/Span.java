package io.filterplayground.app.editor;

/** A styled range of text: {@code [start, end)} gets the CSS class {@code style}. */
public record Span(int start, int end, String style) {}
