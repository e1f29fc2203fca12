#!/usr/bin/env bash
# Builds the portal's image and boots it the way production runs it, then checks what an
# orchestrator and an operator rely on:
#   read-only root, /data a volume owned by uid 10001, /tmp and /app/.next/cache tmpfs,
#   uid 10001, no capabilities, no-new-privileges;
#   /api/health/live and /api/health/ready answer 200, the HEALTHCHECK passes, the sign-in page
#   shows its form, the admin signs in; the process runs as uid 10001; nothing was written
#   outside /data, /tmp and /app/.next/cache; SIGTERM (podman stop) ends it with exit code 0
#   within the drain deadline, logging the graceful shutdown.
# Prints the figures (build time, image size, time to ready, memory at rest) and exits non-zero
# on the first failed check. Idempotent: leftovers of an earlier run are removed first, and its
# own container and data folder are removed on exit.
#
# Usage: bash deploy/container/smoke.sh            (from the repository root, as root)
#   SMOKE_BUILD=dockerfile  podman build of ./Dockerfile (default)
#   SMOKE_BUILD=none        boot the image that is already there
#   SMOKE_IMAGE=lakehouse-portal:0.1.0  SMOKE_PORT=3790  SMOKE_DRAIN_SECONDS=20
#   PODMAN="podman --root /dev/shm/…"  to use other storage
set -euo pipefail

cd "$(dirname "$0")/../.."
IMAGE="${SMOKE_IMAGE:-localhost/lakehouse-portal:0.1.0}"
PORT="${SMOKE_PORT:-3790}"
BUILD="${SMOKE_BUILD:-dockerfile}"
DRAIN_SECONDS="${SMOKE_DRAIN_SECONDS:-20}"
READY_TIMEOUT="${SMOKE_READY_TIMEOUT:-300}"
NAME=lakehouse-portal-smoke
ADMIN_EMAIL=admin@smoke.test
ADMIN_PASSWORD="smoke-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
read -r -a PODMAN <<<"${PODMAN:-podman}"
# Here podman's default runtime crun cannot start a container ("cgroups in hybrid mode not
# supported"), and the sandbox refuses to raise RLIMIT_NOFILE/NPROC to podman's defaults.
RUN_OPTS=(--runtime "${SMOKE_RUNTIME:-runc}" --ulimit nofile=4096:4096 --ulimit nproc=4000:4000)

step() { printf '\n== %s\n' "$*"; }
pass() { printf '   ok   %s\n' "$*"; }
fail() {
  printf '   FAIL %s\n' "$*" >&2
  if "${PODMAN[@]}" container exists "$NAME" 2>/dev/null; then
    printf '\n-- last log lines of %s --\n' "$NAME" >&2
    "${PODMAN[@]}" logs --tail 40 "$NAME" >&2 2>&1 || true
  fi
  exit 1
}
need() { command -v "$1" >/dev/null || fail "$1 is missing: $2"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

need "${PODMAN[0]}" "apt-get install podman runc"
need curl "apt-get install curl"
need "${SMOKE_RUNTIME:-runc}" "apt-get install runc"
[ "$(id -u)" = 0 ] || fail "run as root (podman needs it here, and the data folder is chowned to 10001)"

DATA="$(mktemp -d "${TMPDIR:-/tmp}/portal-smoke-data.XXXXXX")"
COOKIES="$(mktemp "${TMPDIR:-/tmp}/portal-smoke-cookies.XXXXXX")"
cleanup() {
  "${PODMAN[@]}" rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
  rm -rf "$DATA" "$COOKIES"
}
trap cleanup EXIT
"${PODMAN[@]}" rm -f -t 0 "$NAME" >/dev/null 2>&1 || true # an earlier run's, if it was killed

# ---------------------------------------------------------------------------------------------
step "1. image ($BUILD)"
base_images() {
  for base in localhost/lakehouse-node-build:trixie localhost/lakehouse-node-runtime:trixie; do
    "${PODMAN[@]}" image exists "$base" && continue
    need mmdebstrap "apt-get install mmdebstrap (to make the Debian base images)"
    bash deploy/container/make-base-images.sh
    return
  done
}
started="$(now)"
case "$BUILD" in
  dockerfile)
    base_images
    # The egress proxy here re-signs TLS: npm inside the build needs its CA (a build argument of
    # the deps stage only; nothing of it reaches the image).
    CA_OPTS=()
    [ -r /etc/ssl/certs/ca-certificates.crt ] && CA_OPTS=(-v /etc/ssl/certs/ca-certificates.crt:/run/site-ca.crt:ro --build-arg NODE_EXTRA_CA_CERTS=/run/site-ca.crt)
    "${PODMAN[@]}" build "${RUN_OPTS[@]}" --network host --format docker "${CA_OPTS[@]}" -t "$IMAGE" . || fail "podman build failed"
    ;;
  none) ;;
  *) fail "SMOKE_BUILD must be dockerfile or none (got '$BUILD')" ;;
esac
[ "$BUILD" = none ] || pass "built in $(since "$started") s"
"${PODMAN[@]}" image exists "$IMAGE" || fail "no image $IMAGE (build it, or set SMOKE_BUILD=dockerfile)"
size_mb="$("${PODMAN[@]}" image inspect -f '{{.Size}}' "$IMAGE" | awk '{ printf "%d", $1 / 1000000 }')"
pass "image $IMAGE: ${size_mb} MB"
[ "$("${PODMAN[@]}" image inspect -f '{{.Config.User}}' "$IMAGE")" = "10001:10001" ] || fail "the image's USER is not 10001:10001"
pass "image USER 10001:10001"

# ---------------------------------------------------------------------------------------------
step "2. boot (read-only root, /data volume, tmpfs /tmp and /app/.next/cache, no capabilities)"
chown 10001:10001 "$DATA"
chmod 0700 "$DATA"
started="$(now)"
"${PODMAN[@]}" run -d --name "$NAME" "${RUN_OPTS[@]}" \
  --read-only --read-only-tmpfs=false \
  --tmpfs /tmp:rw,nosuid,nodev,size=512m,mode=1777 \
  --tmpfs /app/.next/cache:rw,nosuid,nodev,size=256m,mode=0700,U \
  -v "$DATA:/data:rw" \
  --cap-drop ALL --security-opt no-new-privileges \
  -p "127.0.0.1:$PORT:3000" \
  -e PORTAL_ADMIN_EMAIL="$ADMIN_EMAIL" -e PORTAL_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  -e PORTAL_SHUTDOWN_SECONDS="$DRAIN_SECONDS" \
  "$IMAGE" 2>&1 >/dev/null | grep -v 'unable to get systemd connection' >&2 || true
# (No systemd here: podman cannot schedule the HEALTHCHECK's timer and says so; `podman
# healthcheck run` below runs it once.)
"${PODMAN[@]}" container exists "$NAME" || fail "podman run failed"
URL="http://127.0.0.1:$PORT"

status_of() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$URL$1" || true; }
while [ "$(status_of /api/health/ready)" != 200 ]; do
  [ "$("${PODMAN[@]}" inspect -f '{{.State.Running}}' "$NAME")" = true ] || fail "the container stopped before it was ready (exit code $("${PODMAN[@]}" inspect -f '{{.State.ExitCode}}' "$NAME"))"
  awk -v a="$started" -v b="$(now)" -v t="$READY_TIMEOUT" 'BEGIN { exit !(b - a > t) }' && fail "not ready after $READY_TIMEOUT s"
  sleep 1
done
pass "ready after $(since "$started") s"

# ---------------------------------------------------------------------------------------------
step "3. checks"
[ "$(status_of /api/health/live)" = 200 ] || fail "GET /api/health/live is not 200"
pass "GET /api/health/live 200"
ready="$(curl -s -m 5 "$URL/api/health/ready")"
grep -q '"status":"ok"' <<<"$ready" || fail "GET /api/health/ready says: $ready"
pass "GET /api/health/ready 200: $ready"
"${PODMAN[@]}" healthcheck run "$NAME" >/dev/null || fail "the image's HEALTHCHECK failed"
pass "HEALTHCHECK passes"

page="$(curl -s -m 30 "$URL/signin")"
for marker in '<form' 'name="email"' 'name="password"' 'Sign in to Lakehouse Portal'; do
  grep -qF "$marker" <<<"$page" || fail "GET /signin has no $marker (first bytes: ${page:0:200})"
done
pass "GET /signin shows the sign-in form"

# Sign in as next-auth's form does: CSRF token, then the credentials callback.
csrf="$(curl -s -m 10 -c "$COOKIES" -b "$COOKIES" "$URL/api/auth/csrf" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p')"
[ -n "$csrf" ] || fail "GET /api/auth/csrf gave no token"
curl -s -m 30 -o /dev/null -c "$COOKIES" -b "$COOKIES" -H "origin: $URL" \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=$ADMIN_EMAIL" --data-urlencode "password=$ADMIN_PASSWORD" \
  --data-urlencode "json=true" "$URL/api/auth/callback/credentials"
grep -q 'session-token' "$COOKIES" || fail "signing in as $ADMIN_EMAIL set no session cookie"
session="$(curl -s -m 10 -b "$COOKIES" "$URL/api/auth/session")"
grep -q "\"$ADMIN_EMAIL\"" <<<"$session" || fail "the session does not name $ADMIN_EMAIL: $session"
pass "the admin signs in (session of $ADMIN_EMAIL)"

pid="$("${PODMAN[@]}" inspect -f '{{.State.Pid}}' "$NAME")"
[ "$(cat "/proc/$pid/comm")" = node ] || fail "PID 1 of the container is $(cat "/proc/$pid/comm"), not node"
uids="$(awk '/^Uid:|^Gid:/ { print $2, $3, $4, $5 }' "/proc/$pid/status" | tr '\n' ' ')"
[ "$uids" = "10001 10001 10001 10001 10001 10001 10001 10001 " ] || fail "the process's uids/gids are $uids, not 10001"
pass "PID 1 is node, uid and gid 10001 (real, effective, saved, fs)"
caps="$(awk '/^CapEff:/ { print $2 }' "/proc/$pid/status")"
[ "$caps" = 0000000000000000 ] || fail "effective capabilities $caps, not none"
grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$pid/status" || fail "no_new_privs is not set"
pass "no capabilities, no_new_privs"

# The root is read-only, so nothing can land in the container's own layer except what podman
# puts there itself before the process starts (the /etc/mtab link, /run/.containerenv; `podman
# diff` shows them as "C /etc"). Anything else in that layer was written by the portal.
upper="$("${PODMAN[@]}" inspect -f '{{.GraphDriver.Data.UpperDir}}' "$NAME" 2>/dev/null || true)"
if [ -n "$upper" ] && [ -d "$upper" ]; then
  changes="$(find "$upper" -mindepth 1 | sed "s|^$upper||" | grep -vxE '/etc|/etc/mtab|/run|/run/\.containerenv' || true)"
else
  changes="$("${PODMAN[@]}" diff "$NAME" | grep -vx 'C /etc' || true)"
fi
[ -z "$changes" ] || fail "written outside /data, /tmp, /app/.next/cache: $(head -20 <<<"$changes")"
pass "nothing written outside /data, /tmp and /app/.next/cache (the container's layer holds only podman's own /etc/mtab and /run/.containerenv)"
[ -d "$DATA/pgdata" ] || fail "the data folder has no pgdata: the volume was not used"
others="$(find "$DATA" ! -uid 10001 | head -5)"
[ -z "$others" ] || fail "files in /data not owned by 10001: $others"
pass "/data holds the embedded database, every file owned by 10001"
"${PODMAN[@]}" logs "$NAME" 2>&1 | grep -qiE 'EROFS|read-only file system|EACCES' && fail "the log reports a refused write (EROFS/EACCES)"
pass "no refused write in the log"

sleep 5 # at rest: the start-up work done, no request running
rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status")"
mem="$("${PODMAN[@]}" stats --no-stream --format '{{.MemUsage}}' "$NAME" 2>/dev/null || echo n/a)"
pass "at rest: node RSS $((rss_kb / 1024)) MiB; container memory (cgroup) $mem"

# ---------------------------------------------------------------------------------------------
step "4. SIGTERM (podman stop, drain deadline $DRAIN_SECONDS s)"
started="$(now)"
"${PODMAN[@]}" stop -t "$((DRAIN_SECONDS + 15))" "$NAME" 2>&1 >/dev/null | grep -v 'unable to get systemd connection' >&2 || true
took="$(since "$started")"
code="$("${PODMAN[@]}" inspect -f '{{.State.ExitCode}}' "$NAME")"
[ "$code" = 0 ] || fail "exit code $code after SIGTERM, not 0"
awk -v t="$took" -v d="$DRAIN_SECONDS" 'BEGIN { exit !(t <= d + 5) }' || fail "stopping took $took s, past the $DRAIN_SECONDS s drain deadline"
logs="$("${PODMAN[@]}" logs "$NAME" 2>&1)"
grep -q '"msg":"shutting down: draining requests"' <<<"$logs" || fail "no 'shutting down: draining requests' log line"
grep -q '"msg":"requests drained"' <<<"$logs" || fail "no 'requests drained' log line"
grep -q '"msg":"stopped"' <<<"$logs" || fail "no 'stopped' log line"
pass "exit code 0 after ${took} s; logged draining, drained, stopped"

printf '\nAll checks passed (%s). Load: %s\n' "$IMAGE" "$(uptime | sed 's/.*load average: //')"
