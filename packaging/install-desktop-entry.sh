#!/bin/sh
# Adds FieldApp to the desktop's application menu for this user (no root needed):
# writes ~/.local/share/applications/fieldapp.desktop pointing at this folder.
# Run it from the unpacked bundle: ./install-desktop-entry.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$target"
sed -e "s|@FIELDAPP@|$here/fieldapp|" -e "s|@ICON@|$here/_internal/resources/icons/fieldapp.svg|" \
    "$here/fieldapp.desktop" > "$target/fieldapp.desktop"
echo "FieldApp is in the application menu ($target/fieldapp.desktop)."
