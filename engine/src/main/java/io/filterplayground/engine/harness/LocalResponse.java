package io.filterplayground.engine.harness;

import io.filterplayground.engine.http.Header;
import java.util.List;

/** A local response the filter sent ({@code proxy_send_local_response}). */
public record LocalResponse(int status, byte[] body, List<Header> headers, String details) {}
