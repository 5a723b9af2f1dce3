"""Reading a source's bytes from a file or an http(s) URL, and text in the encodings Dutch exports use."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from importers.base import SourceUnreadable
from matching.json_text import JsonTextError, loads

TIMEOUT_S = 30
MAX_BYTES = 200 * 1024 * 1024
USER_AGENT = "opstap-importer/0.1"


def is_url(location: str) -> bool:
    """True for http(s) URLs."""
    return location.startswith(("http://", "https://"))


def read_bytes(location: str) -> bytes:
    """The whole file or response body; SourceUnreadable naming the problem."""
    if is_url(location):
        request = urllib.request.Request(
            location, headers={"User-Agent": USER_AGENT, "Accept": "application/json, */*"}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310 (http(s) only)
                body: bytes = response.read(MAX_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise SourceUnreadable(f"{location} answered HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise SourceUnreadable(f"{location} cannot be reached: {reason}") from exc
        if len(body) > MAX_BYTES:
            raise SourceUnreadable(f"{location} is larger than {MAX_BYTES // (1024 * 1024)} MB")
        return body
    path = Path(location)
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceUnreadable(f"file not found: {location}") from exc
    except IsADirectoryError as exc:
        raise SourceUnreadable(f"{location} is a folder, not a file") from exc
    except OSError as exc:
        raise SourceUnreadable(f"cannot read {location}: {exc.strerror or exc}") from exc


def decode_text(raw: bytes, location: str, encoding: str = "auto") -> str:
    """Text of a file: UTF-8 with or without BOM, else Windows-1252 (Excel's 'CSV' on Dutch Windows)."""
    if encoding not in {"auto", ""}:
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise SourceUnreadable(f"{location} cannot be read as {encoding}: {exc}") from exc
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise SourceUnreadable(
            f"{location} is neither UTF-8 nor Windows-1252 text (byte {exc.start})"
        ) from exc


def read_json(location: str) -> Any:
    """A JSON document from a file or URL; SourceUnreadable when it is not JSON."""
    raw = read_bytes(location)
    try:
        return loads(decode_text(raw, location))
    except JsonTextError as exc:
        raise SourceUnreadable(f"{location} cannot be read: {exc}") from None
