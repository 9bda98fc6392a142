package io.kesjava.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The admin identity, the policies and which identity has which policy: everything the server
 * needs to decide whether a caller may call a route (docs/policies.md).
 *
 * <p>{@link #verify(String, String)} applies the rule: the admin may do everything; an identity
 * without a policy nothing; any other identity what its policy allows, deny patterns winning
 * ({@link Policy} says how allow and deny patterns match). {@link #explain(String, String)} says
 * which rule decided.
 *
 * <p>Thread-safety: immutable; safe to share between threads. Nullness: no method accepts or
 * returns null.
 */
public final class PolicyTable {

  /** UTF-8 byte order, which is code point order (names are ASCII, where it is plain order). */
  private static final Comparator<String> BYTE_ORDER =
      (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
          int ca = a.codePointAt(i);
          int cb = b.codePointAt(j);
          if (ca != cb) {
            return Integer.compare(ca, cb);
          }
          i += Character.charCount(ca);
          j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
      };

  private final String admin;
  private final List<Entry> entries;
  private final Map<String, Policy> policies;
  private final Map<String, String> policyOfIdentity;
  private final SortedSet<String> policyNames;
  private final SortedSet<String> identities;
  private final List<String> warnings;

  private PolicyTable(String admin, List<Entry> entries, Map<String, String> policyOfIdentity) {
    this.admin = admin;
    this.entries = List.copyOf(entries);
    Map<String, Policy> byName = new HashMap<>();
    TreeSet<String> names = new TreeSet<>(BYTE_ORDER);
    List<String> found = new ArrayList<>();
    for (Entry e : entries) {
      byName.put(e.policy().name(), e.policy());
      names.add(e.policy().name());
      found.addAll(PatternWarnings.of(e.policy()));
    }
    TreeSet<String> ids = new TreeSet<>(BYTE_ORDER);
    ids.add(admin);
    ids.addAll(policyOfIdentity.keySet());
    this.policies = Map.copyOf(byName);
    this.policyOfIdentity = Map.copyOf(policyOfIdentity);
    this.policyNames = Collections.unmodifiableSortedSet(names);
    this.identities = Collections.unmodifiableSortedSet(ids);
    this.warnings = List.copyOf(found);
  }

  /**
   * Returns a builder for a new table.
   *
   * @return a new builder; not thread-safe
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder that starts with this table's admin, policies and assignments, in their
   * original order, to derive a changed table.
   *
   * @return a new builder; not thread-safe
   */
  public Builder toBuilder() {
    Builder b = new Builder().admin(admin);
    for (Entry e : entries) {
      b.policy(e.policy(), e.identities());
    }
    return b;
  }

  /**
   * The admin identity, which may be a placeholder such as {@code disabled} that no certificate
   * hashes to.
   *
   * @return the admin identity; non-empty
   */
  public String admin() {
    return admin;
  }

  /**
   * Whether {@code identity} is the admin.
   *
   * @param identity an identity; non-null
   * @return true if it equals the admin identity
   * @throws NullPointerException if {@code identity} is null
   */
  public boolean isAdmin(String identity) {
    return admin.equals(Objects.requireNonNull(identity, "identity"));
  }

  /**
   * Decides whether {@code identity} may call {@code path}: the admin always; an identity without
   * a policy never; otherwise as its policy says ({@link Policy#allows(String)}).
   *
   * @param identity the caller's identity; non-null, may be empty (then denied unless admin)
   * @param path the request's URL path, such as {@code /v1/key/create/my-key}; non-null
   * @return {@link Decision#ALLOW} or {@link Decision#DENY}
   * @throws NullPointerException if an argument is null
   */
  public Decision verify(String identity, String path) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(path, "path");
    if (admin.equals(identity)) {
      return Decision.ALLOW;
    }
    String name = policyOfIdentity.get(identity);
    if (name == null) {
      return Decision.DENY;
    }
    return policies.get(name).allows(path) ? Decision.ALLOW : Decision.DENY;
  }

  /**
   * Explains {@link #verify(String, String)}: the admin rule, a missing policy, or the pattern of
   * the identity's policy that decided and by which rule ({@link Policy#explain(String)}).
   *
   * @param identity the caller's identity; non-null
   * @param path the request's URL path; non-null
   * @return the explanation; its decision is the one {@code verify} makes
   * @throws NullPointerException if an argument is null
   */
  public Explanation explain(String identity, String path) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(path, "path");
    if (admin.equals(identity)) {
      return new Explanation(Decision.ALLOW, Explanation.Reason.ADMIN, "",
          Explanation.Rule.NONE, "allowed: the identity is the admin, which may call every path");
    }
    String name = policyOfIdentity.get(identity);
    if (name == null) {
      return new Explanation(Decision.DENY, Explanation.Reason.NO_POLICY, "",
          Explanation.Rule.NONE, "denied: the identity has no policy");
    }
    return policies.get(name).explain(path);
  }

  /**
   * Returns the policy called {@code name}.
   *
   * @param name a policy name; non-null
   * @return the policy, or empty if there is none of that name
   * @throws NullPointerException if {@code name} is null
   */
  public Optional<Policy> policy(String name) {
    return Optional.ofNullable(policies.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * Returns the name of the policy assigned to {@code identity}.
   *
   * @param identity an identity; non-null
   * @return the policy name, or empty for the admin and for unknown identities
   * @throws NullPointerException if {@code identity} is null
   */
  public Optional<String> policyOf(String identity) {
    return Optional.ofNullable(policyOfIdentity.get(Objects.requireNonNull(identity, "identity")));
  }

  /**
   * Returns the identities assigned to the policy called {@code name}, sorted by byte order.
   *
   * @param name a policy name; non-null
   * @return an unmodifiable set, empty when the policy has no identities or does not exist
   * @throws NullPointerException if {@code name} is null
   */
  public SortedSet<String> identitiesOf(String name) {
    Objects.requireNonNull(name, "name");
    TreeSet<String> ids = new TreeSet<>(BYTE_ORDER);
    policyOfIdentity.forEach(
        (id, policy) -> {
          if (policy.equals(name)) {
            ids.add(id);
          }
        });
    return Collections.unmodifiableSortedSet(ids);
  }

  /**
   * Returns the names of all policies, sorted by byte order.
   *
   * @return an unmodifiable set
   */
  public SortedSet<String> policyNames() {
    return policyNames;
  }

  /**
   * Returns the admin identity and every identity assigned to a policy, sorted by byte order, as
   * {@code /v1/identity/list} shows them (docs/http-api.md).
   *
   * @return an unmodifiable set; never empty
   */
  public SortedSet<String> identities() {
    return identities;
  }

  /**
   * Returns one sentence for each policy pattern that cannot do what it was most likely meant to
   * do, for the server to log at start. Policies come in the order they were added, each one's
   * allow patterns before its deny patterns, each distinct pattern once.
   *
   * <p>An allow pattern is reported when it:
   *
   * <ul>
   *   <li>is empty or malformed ({@link Glob#isValid(String)}): it matches nothing;
   *   <li>cannot match any path that starts with {@code /}, such as {@code *} or {@code
   *       v1/key/*};
   *   <li>looks written for prefix matching: it ends with {@code *} (as in {@code /v1/key/*},
   *       {@code /v1/*} or {@code /v1/key*}), and some route of the current route table that its
   *       segments select has more segments than the pattern. The star stops at the next {@code
   *       /}, so those deeper routes are not allowed. {@code /v1/key/create/my-key*} and {@code
   *       /v1/key/*}{@code /*} are not reported: no key route is deeper than they are.
   * </ul>
   *
   * <p>A deny pattern is reported when it is empty; when it can match no request path; when it is
   * malformed as a glob (it then matches only by the prefix rule); and when its trailing {@code *}
   * makes it deny more routes as a prefix than as a glob, such as {@code /v1/key/*} (every key
   * route) or {@code *} (every request).
   *
   * <p>Example: {@code policy 'p': allow pattern '/v1/key/*' matches only one path segment
   * ('/v1/key/create' but not '/v1/key/create/my-key'); write '/v1/key/*}{@code /*' to match every
   * key route}.
   *
   * @return an unmodifiable list, empty when nothing looks wrong
   */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    return "PolicyTable[admin=" + admin + ", policies=" + policyNames + "]";
  }

  /** A policy and the identities assigned to it, as given to the builder. */
  private record Entry(Policy policy, List<String> identities) {}

  /**
   * Collects the admin and the policies with their identities; {@link #build()} checks them.
   *
   * <p>Thread-safety: not thread-safe; use from one thread.
   */
  public static final class Builder {

    private String admin;
    private final List<Entry> entries = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the admin identity ({@code admin.identity}), which may do everything.
     *
     * @param identity the admin identity; non-null, non-empty; may be a placeholder such as {@code
     *     disabled}
     * @return this builder
     * @throws NullPointerException if {@code identity} is null
     * @throws IllegalArgumentException if {@code identity} is empty
     */
    public Builder admin(String identity) {
      Objects.requireNonNull(identity, "identity");
      if (identity.isEmpty()) {
        throw new IllegalArgumentException("invalid admin identity: no admin identity");
      }
      this.admin = identity;
      return this;
    }

    /**
     * Adds a policy and assigns it to {@code identities}. Listing an identity twice for the same
     * policy is harmless.
     *
     * @param policy the policy; non-null
     * @param identities the identities that get this policy; non-null, without null elements, may
     *     be empty
     * @return this builder
     * @throws NullPointerException if an argument or an identity is null
     */
    public Builder policy(Policy policy, Collection<String> identities) {
      Objects.requireNonNull(policy, "policy");
      Objects.requireNonNull(identities, "identities");
      entries.add(new Entry(policy, List.copyOf(new LinkedHashSet<>(List.copyOf(identities)))));
      return this;
    }

    /**
     * Checks everything and builds the table. Checks, in order: an admin was set; no two policies
     * share a name ({@code duplicate policy '<p>'}); no policy is assigned to the admin ({@code
     * invalid policy '<p>': identity '<id>' is already admin}); every policy name and identity
     * follows the name rule of docs/formats.md ({@code policy name '<p>' is empty, too
     * long or contains invalid characters}, {@code identity '<id>' is empty, too long or contains
     * invalid characters}); no identity has two policies ({@code cannot assign policy '<p>' to
     * '<id>': identity already has a policy}, naming the later policy).
     *
     * @return the table
     * @throws IllegalStateException if no admin was set
     * @throws IllegalArgumentException if a check fails; the message is KES's without its prefix
     */
    public PolicyTable build() {
      if (admin == null) {
        throw new IllegalStateException("invalid admin identity: no admin identity");
      }
      Map<String, Entry> byName = new HashMap<>();
      for (Entry e : entries) {
        String name = e.policy().name();
        if (byName.putIfAbsent(name, e) != null) {
          throw new IllegalArgumentException("duplicate policy '" + name + "'");
        }
        for (String id : e.identities()) {
          if (id.equals(admin)) {
            throw new IllegalArgumentException(
                "invalid policy '" + name + "': identity '" + id + "' is already admin");
          }
        }
      }
      Map<String, String> policyOfIdentity = new HashMap<>();
      for (Entry e : entries) {
        String name = e.policy().name();
        if (!NameRule.isValidName(name)) {
          throw new IllegalArgumentException(NameRule.invalidName("policy name", name));
        }
        for (String id : e.identities()) {
          if (!NameRule.isValidName(id)) {
            throw new IllegalArgumentException(NameRule.invalidName("identity", id));
          }
          if (policyOfIdentity.putIfAbsent(id, name) != null) {
            throw new IllegalArgumentException(
                "cannot assign policy '"
                    + name
                    + "' to '"
                    + id
                    + "': identity already has a policy");
          }
        }
      }
      return new PolicyTable(admin, entries, policyOfIdentity);
    }
  }
}
