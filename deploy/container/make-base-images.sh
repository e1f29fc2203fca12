#!/usr/bin/env bash
# Makes the two base images the Dockerfile starts from, out of Debian's own packages (no image
# registry is needed or reachable): Debian trixie ships Node.js 20 (bookworm's is 18, too old).
#   localhost/lakehouse-node-build:trixie    nodejs + npm, for installing and building
#   localhost/lakehouse-node-runtime:trixie  nodejs only, for running
# Needs root, mmdebstrap and podman. Usage: bash deploy/container/make-base-images.sh [build|runtime]
set -euo pipefail
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${DEBIAN_SUITE:-trixie}"

make_image() {
  local name="$1" packages="$2"
  echo "Making ${name} from Debian ${SUITE} (${packages})…"
  # Through a file: streaming mmdebstrap's tar into `podman import -` stalled here.
  local tarball
  tarball="$(mktemp --suffix=.tar)"
  mmdebstrap --quiet --variant=minbase --include="${packages}" \
    --customize-hook='rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*' \
    "${SUITE}" "${tarball}" "${MIRROR}"
  podman import --change 'CMD ["/bin/bash"]' "${tarball}" "${name}"
  rm -f "${tarball}"
}

only="${1:-all}"
[ "$only" = runtime ] || make_image "localhost/lakehouse-node-build:${SUITE}" "nodejs,npm,ca-certificates"
[ "$only" = build ] || make_image "localhost/lakehouse-node-runtime:${SUITE}" "nodejs,ca-certificates"
