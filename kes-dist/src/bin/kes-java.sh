# shellcheck shell=sh
# Picks the Java that runs kes. Sourced, never run: by bin/kes of the kes-java archive and by ./kes
# at the root of the repository, so that both choose the same way. POSIX sh.
#
# The choice, first match wins:
#   1. KES_JAVA: a java command (path or name), used as it is;
#   2. JAVA_HOME: its bin/java;
#   3. the newest Java 21 or newer among the usual install places (KES_JAVA_SEARCH below);
#   4. java on the PATH.
# Java older than 17 is refused. Java 17 to 20 runs kes, but `kes server` prints one warning line
# first: the server serves each connection on a virtual thread from Java 21 on, and on a platform
# thread of a bounded pool before that.
#
# kes_select_java [COMMAND] sets KES_JAVA_CMD (the java to run) and KES_JAVA_FEATURE (its feature
# version, e.g. 21; empty if it cannot be told), or prints an error to stderr and exits 1.
# COMMAND is the first argument of kes; the Java 17 warning is for "server" only.
# Every other name this file defines starts with kes_ or _kes_.

# The minimum, the version the server wants, and the warning; %s is the feature version in use.
KES_JAVA_MIN=17
KES_JAVA_SERVER=21
KES_JAVA_WARNING='kes: running on Java %s: the server serves at most 1,024 connections at once, one thread each, so about 1,000 silent or slow clients can delay new requests by up to 5 s; use Java 21 or newer (set JAVA_HOME)'

# Where to look for a JDK when neither KES_JAVA nor JAVA_HOME is set: colon-separated JDK homes,
# globs allowed. Setting KES_JAVA_SEARCH replaces the list (an empty value searches nowhere).
if [ -z "${KES_JAVA_SEARCH+set}" ]; then
  KES_JAVA_SEARCH="/usr/lib/jvm/*:/usr/lib64/jvm/*:/usr/java/*:/opt/java/*:/Library/Java/JavaVirtualMachines/*/Contents/Home:/opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home:/usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home:${HOME:-/nonexistent}/.sdkman/candidates/java/*:${HOME:-/nonexistent}/.jdks/*"
fi

# The feature version of a version string: 17.0.15 -> 17, 21 -> 21, 25-ea -> 25, 1.8.0_402 -> 8.
# Prints nothing for a string that does not start with a number.
kes_java_feature() {
  _kes_v=$1
  case $_kes_v in 1.*) _kes_v=${_kes_v#1.} ;; esac
  _kes_v=${_kes_v%%[!0-9]*}
  printf '%s' "$_kes_v"
}

# The JAVA_VERSION of a JDK home's release file; nothing if it has none. Reads without a process.
kes_java_release_version() {
  [ -f "$1/release" ] || return 0
  while IFS= read -r _kes_line || [ -n "$_kes_line" ]; do
    case $_kes_line in
      JAVA_VERSION=*)
        _kes_line=${_kes_line#JAVA_VERSION=}
        _kes_line=${_kes_line#\"}
        printf '%s' "${_kes_line%%\"*}"
        return 0
        ;;
    esac
  done < "$1/release"
}

# The version of a java command: from the release file of the JDK it belongs to (following
# symbolic links, as /usr/bin/java usually is one), else from its -version output.
kes_java_version() {
  _kes_path=$(command -v "$1" 2>/dev/null) || return 0
  _kes_real=$(readlink -f "$_kes_path" 2>/dev/null) || _kes_real=$_kes_path
  case $_kes_real in
    */bin/java)
      _kes_rv=$(kes_java_release_version "${_kes_real%/bin/java}")
      if [ -n "$_kes_rv" ]; then
        printf '%s' "$_kes_rv"
        return 0
      fi
      ;;
  esac
  "$_kes_path" -version 2>&1 | sed -n 's/^.* version "\([^"]*\)".*$/\1/p' | sed -n 1p
}

# The home of the newest Java 21 or newer in KES_JAVA_SEARCH; nothing if there is none.
kes_java_search() {
  _kes_best=
  _kes_best_feature=0
  _kes_ifs=$IFS
  IFS=:
  # Unquoted on purpose: split at the colons, then expand each glob.
  for _kes_home in $KES_JAVA_SEARCH; do
    [ -x "$_kes_home/bin/java" ] || continue
    _kes_version=$(kes_java_release_version "$_kes_home")
    [ -n "$_kes_version" ] || _kes_version=$(kes_java_version "$_kes_home/bin/java")
    _kes_feature=$(kes_java_feature "$_kes_version")
    [ -n "$_kes_feature" ] || continue
    if [ "$_kes_feature" -ge "$KES_JAVA_SERVER" ] && [ "$_kes_feature" -gt "$_kes_best_feature" ]; then
      _kes_best=$_kes_home
      _kes_best_feature=$_kes_feature
    fi
  done
  IFS=$_kes_ifs
  printf '%s' "$_kes_best"
}

kes_select_java() {
  KES_JAVA_CMD=
  if [ -n "${KES_JAVA:-}" ]; then
    if ! command -v "$KES_JAVA" >/dev/null 2>&1; then
      echo "kes: KES_JAVA is set to '$KES_JAVA', which is not a command; set it to a java executable or unset it" >&2
      exit 1
    fi
    KES_JAVA_CMD=$KES_JAVA
  elif [ -n "${JAVA_HOME:-}" ]; then
    if [ ! -x "$JAVA_HOME/bin/java" ]; then
      echo "kes: JAVA_HOME is set to '$JAVA_HOME', which has no bin/java; set it to a Java $KES_JAVA_MIN or newer, or unset it" >&2
      exit 1
    fi
    KES_JAVA_CMD=$JAVA_HOME/bin/java
  else
    _kes_found=$(kes_java_search)
    if [ -n "$_kes_found" ]; then
      KES_JAVA_CMD=$_kes_found/bin/java
    elif command -v java >/dev/null 2>&1; then
      KES_JAVA_CMD=java
    else
      echo "kes: no Java found: install Java $KES_JAVA_SERVER or newer, or set JAVA_HOME" >&2
      exit 1
    fi
  fi
  KES_JAVA_FEATURE=$(kes_java_feature "$(kes_java_version "$KES_JAVA_CMD")")
  if [ -z "$KES_JAVA_FEATURE" ]; then
    return 0 # a java that does not say its version: let it try
  fi
  if [ "$KES_JAVA_FEATURE" -lt "$KES_JAVA_MIN" ]; then
    echo "kes: $KES_JAVA_CMD is Java $KES_JAVA_FEATURE; kes needs Java $KES_JAVA_MIN or newer ($KES_JAVA_SERVER or newer for the server): install one, or set JAVA_HOME or KES_JAVA" >&2
    exit 1
  fi
  if [ "$KES_JAVA_FEATURE" -lt "$KES_JAVA_SERVER" ] && [ "${1:-}" = server ]; then
    # shellcheck disable=SC2059 # the warning is the format
    printf "$KES_JAVA_WARNING\n" "$KES_JAVA_FEATURE" >&2
  fi
  return 0
}
