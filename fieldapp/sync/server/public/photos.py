"""A citizen's photo, made safe: really an image, re-encoded, its metadata dropped.

The bytes are decoded by Pillow (JPEG, PNG, WebP or GIF; anything else, or a file
whose content is not what its name says, is refused with a reason); an image larger
than MAX_PIXELS is refused before it is decoded (a decompression bomb). The picture is
turned upright (EXIF orientation), shrunk to MAX_SIDE and saved again as JPEG with no
EXIF, XMP or comment: the camera, its serial number and the time are gone. The GPS
position in the EXIF is read first and returned, for the caller to keep only when the
person consented. Pure functions: any thread (CPU-bound; run in the thread pool).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 50_000_000
MAX_SIDE = 2048
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "MPO")
_GPS_IFD = 0x8825


class PhotoError(ValueError):
    """Why a photo is refused: `code` is one of too_large, not_image, too_many_pixels."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes  # JPEG, no metadata
    width: int
    height: int
    gps: tuple[float, float] | None  # (lat, lon) the camera wrote, if any


def clean(data: bytes) -> CleanPhoto:
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoError("too_large", f"the photo is over {MAX_PHOTO_BYTES // 2**20} MB")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind, size = probe.format, probe.size
        if kind not in FORMATS:
            raise PhotoError("not_image", f"{kind} pictures are not taken")
        if size[0] * size[1] > MAX_PIXELS:
            raise PhotoError("too_many_pixels", "the picture has too many pixels")
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            gps = _gps(image)
            upright = ImageOps.exif_transpose(image)
            picture = _rgb(upright)
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoError("not_image", "the file is not a picture Pillow can read") from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=82, optimize=True)
    return CleanPhoto(out.getvalue(), picture.width, picture.height, gps)


def _rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _gps(image: Image.Image) -> tuple[float, float] | None:
    """(lat, lon) from the EXIF GPS tags, None when absent or out of range."""
    try:
        tags = image.getexif().get_ifd(_GPS_IFD)
        lat = _degrees(tags[2], tags.get(1, "N"), "S")
        lon = _degrees(tags[4], tags.get(3, "E"), "W")
    except (KeyError, TypeError, ValueError, ZeroDivisionError, IndexError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat, lon) == (0.0, 0.0):
        return None
    return round(lat, 6), round(lon, 6)


def _degrees(parts: tuple, ref: object, negative: str) -> float:
    degrees, minutes, seconds = (float(p) for p in parts)
    value = degrees + minutes / 60 + seconds / 3600
    text = ref.decode() if isinstance(ref, bytes) else str(ref)
    return -value if text.strip().upper() == negative else value
