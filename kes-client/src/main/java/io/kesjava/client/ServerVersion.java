package io.kesjava.client;

import java.util.Objects;

/**
 * What {@code /version} reports ({@code docs/http-api.md#version}).
 *
 * @param version the server's release name, such as {@code 2025-05-27T18-49-52Z}
 * @param commit the commit it was built from; {@code <unknown>} or empty if not known
 */
public record ServerVersion(String version, String commit) {

  public ServerVersion {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(commit, "commit");
  }
}
