# Sourced by ./mvnw, .ci/run and the scripts under infra/: makes sure JAVA_HOME names a
# JDK >= 21. SecuMon targets Java 21, yet many machines still default to an older
# java; rather than ask every newcomer to export JAVA_HOME, we look for one:
# JAVA_HOME as given, then the java on PATH, then the usual install folders.
# Prints nothing when the first candidate already fits.

secumon_jdk_major() { # $1 = a JDK home; prints its major version, or nothing
  [ -x "$1/bin/javac" ] || return 0
  [ -r "$1/release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
}

secumon_pick_jdk() {
  _cands=""
  [ -n "${JAVA_HOME-}" ] && _cands="$JAVA_HOME"
  if command -v javac >/dev/null 2>&1; then
    _javac=$(readlink -f "$(command -v javac)")
    _cands="$_cands ${_javac%/bin/javac}"
  fi
  # mvnw runs under 'set -f'; the folder patterns below need globbing.
  case $- in *f*) _noglob=1; set +f ;; *) _noglob= ;; esac
  for _d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$_d" ] && _cands="$_cands $_d"
  done
  [ -n "$_noglob" ] && set -f
  _best=""; _best_major=0
  for _c in $_cands; do
    _m=$(secumon_jdk_major "$_c")
    [ -n "$_m" ] || continue
    if [ "$_m" -ge 21 ]; then
      # The first acceptable candidate wins: JAVA_HOME and PATH express a choice.
      _best="$_c"; _best_major="$_m"; break
    fi
  done
  if [ -n "$_best" ]; then
    if [ "${JAVA_HOME-}" != "$_best" ] && [ -n "${SECUMON_JDK_VERBOSE-}" ]; then
      echo "secumon: using JDK $_best_major at $_best" >&2
    fi
    JAVA_HOME="$_best"; export JAVA_HOME
    PATH="$JAVA_HOME/bin:$PATH"; export PATH
  else
    echo "secumon: no JDK >= 21 found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or Temurin 21, or set JAVA_HOME." >&2
  fi
  unset _noglob _cands _javac _d _c _m _best _best_major
}

secumon_pick_jdk
