#!/usr/bin/env bash
# Trunk post-build hook: writes the build's file list and a version (a hash
# of every file's content) into the staged service worker, so each build
# precaches exactly its own files and a changed build is a new version.
set -euo pipefail
# The page's Content-Security-Policy first: the version covers index.html.
node tools/stamp-csp.mjs "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}/index.html"
cd "${TRUNK_STAGING_DIR}"
mapfile -t files < <(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
version=$(cat "${files[@]}" | sha256sum | cut -c1-16)
list=$(printf '"/%s",' "${files[@]}")
sed -i -e "s|__OASIS_VERSION__|${version}|" -e "s|__OASIS_PRECACHE__|[${list%,}]|" sw.js
grep -q "__OASIS_" sw.js && { echo "stamp-sw: placeholders left in sw.js" >&2; exit 1; }
echo "stamp-sw: version ${version}, ${#files[@]} files precached"
