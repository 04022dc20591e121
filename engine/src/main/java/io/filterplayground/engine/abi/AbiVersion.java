package io.filterplayground.engine.abi;

/**
 * The Proxy-Wasm ABI a module advertises through an exported marker function. Like Envoy (cpp-host
 * {@code BytecodeUtil::getAbiVersion}) the draft marker {@code proxy_abi_version_0_x_x} is not
 * recognised.
 */
public enum AbiVersion {
    V0_1_0("0.1.0", "proxy_abi_version_0_1_0"),
    V0_2_0("0.2.0", "proxy_abi_version_0_2_0"),
    V0_2_1("0.2.1", "proxy_abi_version_0_2_1");

    private final String version;
    private final String marker;

    AbiVersion(String version, String marker) {
        this.version = version;
        this.marker = marker;
    }

    public String version() {
        return version;
    }

    public String marker() {
        return marker;
    }

    /** 0.2.x hosts report a missing header as NotFound; 0.1.0 as Ok with an empty value. */
    public boolean isAtLeast020() {
        return this != V0_1_0;
    }

    public static AbiVersion ofMarker(String exportName) {
        for (AbiVersion v : values()) {
            if (v.marker.equals(exportName)) {
                return v;
            }
        }
        return null;
    }
}
