# Content-hashed file names for the modules built outside trunk (sourced by scripts/build-form.sh
# and scripts/build-desk.sh, which set $work, the build's folder, and $dest, where the files go).

# Copies $work/<file> to $dest/<name>-<first 16 hex digits of its SHA-256>.<ext>; prints the name.
hashed() {
  base="${1%.*}"
  ext="${1##*.}"
  digest="$(sha256sum "$work/$1" | cut -c1-16)"
  cp "$work/$1" "$dest/$base-$digest.$ext"
  printf '%s' "$base-$digest.$ext"
}

# wasm-bindgen's snippets (JavaScript the Rust code imports) are imported by the module <js> by a
# relative path whose name does not change with their content: give their folder a content hash
# and point the module at it, before the module's own hash is taken.
hash_snippets() {
  if [ -d "$work/snippets" ]; then
    for dir in "$work"/snippets/*/; do
      old="$(basename "$dir")"
      new="snippets-$(cd "$dir" && find . -type f | sort | xargs cat | sha256sum | cut -c1-16)"
      mkdir -p "$dest/snippets"
      cp -r "$dir" "$dest/snippets/$new"
      sed -i "s#snippets/$old/#snippets/$new/#g" "$work/$1"
    done
  fi
}
