#!/usr/bin/env bash
# Trunk post-build step: splits the app's wasm into the main module and the
# chunks its `#[wasm_split]` screens load on demand (src/ui/on_demand.rs).
# Trunk cannot split (trunk-rs/trunk#1022), so this redoes its last steps
# the way cargo-leptos `--split` does: the splitter (tools/wasm-split, which
# also merges the small shared chunks) on rustc's own output
# (linked with --emit-relocs, .cargo/config.toml), wasm-bindgen keeping the
# linker's exports the chunks need, wasm-opt on every module. The results
# replace Trunk's staged JS and wasm under the same names.
set -euo pipefail
stage=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
profile=${TRUNK_PROFILE:-debug}
input="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/${profile}/oasis.wasm"
js=$(cd "$stage" && ls oasis-*.js)
wasm=$(cd "$stage" && ls oasis-*_bg.wasm)   # Trunk hashes the two apart
name=${js%.js}          # oasis-<hash>: Trunk's names, kept
hash=${name#oasis-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wasm-split-cli "$input" "$work/split" --target web --out-name "$name" >/dev/null
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
  --out-dir "$work/bindgen" --out-name "$name" "$work/split/$name.wasm"

cp "$work/bindgen/$name.js" "$stage/$name.js"
cp "$work/bindgen/${name}_bg.wasm" "$stage/$wasm"
if [ -d "$work/bindgen/snippets" ]; then cp -r "$work/bindgen/snippets/." "$stage/snippets/"; fi

# The splitter's file names carry no version: give them the build's, or a
# browser would keep an old chunk beside a new main module.
loader="__wasm_split-$hash.js"
cp "$work/split/__wasm_split.js" "$stage/$loader"
# Only the specifiers: the import object keeps the name the wasm asks for.
sed -i "s|from \"./__wasm_split.js\"|from \"./$loader\"|g" "$stage/$name.js"
grep -q "from \"./$loader\"" "$stage/$name.js" || { echo "split-wasm: the main module does not import the loader" >&2; exit 1; }
chunks=0
for chunk in "$work/split"/split_*.wasm "$work/split"/chunk_*.wasm; do
  [ -e "$chunk" ] || continue
  base=$(basename "$chunk" .wasm)
  cp "$chunk" "$stage/$base-$hash.wasm"
  sed -i "s|\./$base\.wasm|./$base-$hash.wasm|g" "$stage/$loader"
  chunks=$((chunks + 1))
done

# OASIS_WASM_NAMES=1 keeps the functions' names in every module, for
# reading a browser profile (a bigger download: not for a shipped build).
names=${OASIS_WASM_NAMES:+-g}
if [ "$profile" = release ]; then
  # One wasm-opt per core: a hundred modules one after another take minutes.
  # (Its warnings about the splitter's name section are harmless.)
  find "$stage" -maxdepth 1 \( -name "$wasm" -o -name "split_*-$hash.wasm" -o -name "chunk_*-$hash.wasm" \) -print0 |
    xargs -0 -P "$(nproc)" -I{} wasm-opt -Oz $names --enable-bulk-memory --enable-nontrapping-float-to-int {} -o {} \
    2> >(grep -v "unknown name subsection" >&2)
fi
echo "split-wasm: main module and $chunks chunks"
