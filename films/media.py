"""ffprobe and ffmpeg, called with argument lists (never a shell) on stored paths.

A file name a practitioner chose never reaches a command line: the paths here are
the storage's own (``<film id>/original``). Each function raises ``Unreadable``
with a reason code that ``films.checking`` turns into plain English.
"""

import hashlib
import json
import subprocess
from dataclasses import dataclass, field
from fractions import Fraction

from django.conf import settings

# Why a file was refused, as codes; films.checking words them for people.
NOT_A_VIDEO = "not_a_video"
NO_VIDEO_STREAM = "no_video_stream"
DAMAGED = "damaged"
TOO_LONG = "too_long"
TOO_LARGE = "too_large"
NOT_CONVERTED = "not_converted"

# Containers that hold a still picture, not a film.
IMAGE_FORMATS = ("image2", "gif", "apng", "webp_pipe", "png_pipe", "jpeg_pipe", "tiff_pipe")
# The longer side of the canonical copy, at most (a 4K phone film becomes 1080p).
MAX_SIDE = 1920
# Tags a canonical copy may carry: none of them can say where, who or on what device.
HARMLESS_TAGS = {
    "major_brand",
    "minor_version",
    "compatible_brands",
    "handler_name",
    "vendor_id",
    "language",
    "encoder",
    "duration",
}


class Unreadable(Exception):
    def __init__(self, code, detail="", *, duration=None):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.duration = duration


@dataclass
class Probe:
    container: str
    video_codec: str
    audio_codec: str
    duration: float | None
    width: int
    height: int
    rotation: int
    frame_rate: Fraction | None
    tags: dict = field(default_factory=dict)

    @property
    def codecs(self):
        return ", ".join(c for c in (self.video_codec, self.audio_codec) if c)

    @property
    def upright_size(self):
        """Width and height as the film is watched (a phone's 90° turn swaps them)."""
        if abs(self.rotation) % 180 == 90:
            return self.height, self.width
        return self.width, self.height


def _run(args, timeout):
    return subprocess.run(  # noqa: S603 — a fixed program and an argument list
        args, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
    )


def _rate(text):
    try:
        rate = Fraction(text)
    except (ValueError, ZeroDivisionError, TypeError):
        return None
    return rate if 1 <= rate <= 120 else None


def _float(text):
    try:
        value = float(text)
    except (TypeError, ValueError):
        return None
    return value if value > 0 else None


def probe(path, timeout=60):
    """Read the container and streams. Raises ``Unreadable`` for a file that isn't a film."""
    result = _run(
        [
            settings.FFPROBE_BINARY,
            "-v",
            "error",
            "-show_entries",
            "format=format_name,duration:format_tags"
            ":stream=codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate"
            ":stream_tags:stream_disposition=attached_pic:stream_side_data=rotation",
            "-of",
            "json",
            str(path),
        ],
        timeout,
    )
    if result.returncode != 0:
        raise Unreadable(NOT_A_VIDEO, result.stderr.decode(errors="replace")[-500:])
    data = json.loads(result.stdout or b"{}")
    fmt = data.get("format") or {}
    container = fmt.get("format_name", "")
    streams = data.get("streams") or []
    videos = [
        s
        for s in streams
        if s.get("codec_type") == "video" and not (s.get("disposition") or {}).get("attached_pic")
    ]
    audios = [s for s in streams if s.get("codec_type") == "audio"]
    if container in IMAGE_FORMATS or container.endswith("_pipe"):
        raise Unreadable(NOT_A_VIDEO, f"a still picture ({container})")
    if not videos:
        raise Unreadable(NO_VIDEO_STREAM if audios else NOT_A_VIDEO, container)
    video = videos[0]
    rotation = 0
    for side_data in video.get("side_data_list") or []:
        if "rotation" in side_data:
            rotation = int(float(side_data["rotation"]))
    tags = dict(fmt.get("tags") or {})
    for stream in streams:
        tags.update({f"stream:{k}": v for k, v in (stream.get("tags") or {}).items()})
    return Probe(
        container=container[:100],
        video_codec=video.get("codec_name", ""),
        audio_codec=audios[0].get("codec_name", "") if audios else "",
        duration=_float(fmt.get("duration")),
        width=int(video.get("width") or 0),
        height=int(video.get("height") or 0),
        rotation=rotation,
        frame_rate=_rate(video.get("avg_frame_rate")) or _rate(video.get("r_frame_rate")),
        tags=tags,
    )


def decode(path, timeout):
    """Decode every frame and sample, stopping at the first error.

    A truncated film probes fine (the index at the front still gives the full
    length); only decoding finds the missing end. Returns the decoded duration
    in seconds, which recordings made by browsers don't state in the container.
    """
    result = _run(
        [
            settings.FFMPEG_BINARY,
            "-v",
            "error",
            "-nostats",
            "-xerror",
            "-i",
            str(path),
            "-map",
            "0:v:0",
            "-map",
            "0:a:0?",
            "-f",
            "null",
            "-progress",
            "pipe:1",
            "-",
        ],
        timeout,
    )
    if result.returncode != 0:
        raise Unreadable(DAMAGED, result.stderr.decode(errors="replace")[-500:])
    seconds = None
    for line in result.stdout.decode(errors="replace").splitlines():
        if line.startswith("out_time_us="):
            value = line.partition("=")[2]
            if value.strip().lstrip("-").isdigit():
                seconds = int(value) / 1_000_000
    return seconds if seconds and seconds > 0 else None


def _scale():
    """Keep the picture's shape, fit the longer side within MAX_SIDE, even sizes for H.264."""
    width = f"if(gte(iw,ih),trunc(min({MAX_SIDE},iw)/2)*2,-2)"
    height = f"if(gte(iw,ih),-2,trunc(min({MAX_SIDE},ih)/2)*2)"
    return f"scale=w='{width}':h='{height}'"


def transcode(source, target, *, frame_rate, timeout):
    """The canonical copy: H.264 yuv420p + AAC in MP4, faststart, constant frame rate.

    ffmpeg's autorotate turns the picture upright while re-encoding (phones store
    the turn as a display matrix), so there is no -noautorotate here. Every tag,
    chapter and stream label goes (-map_metadata -1 and bitexact flags): phones
    write GPS location, device and owner names.
    """
    rate = frame_rate if frame_rate and frame_rate <= 60 else Fraction(30)
    result = _run(
        [
            settings.FFMPEG_BINARY,
            "-v",
            "error",
            "-nostats",
            "-i",
            str(source),
            "-map",
            "0:v:0",
            "-map",
            "0:a:0?",
            "-vf",
            _scale(),
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "23",
            "-pix_fmt",
            "yuv420p",
            "-fps_mode",
            "cfr",
            "-r",
            str(rate),
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-ac",
            "2",
            "-map_metadata",
            "-1",
            "-map_metadata:s",
            "-1",
            "-map_chapters",
            "-1",
            "-fflags",
            "+bitexact",
            "-flags:v",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            "-y",
            str(target),
        ],
        timeout,
    )
    if result.returncode != 0:
        raise Unreadable(NOT_CONVERTED, result.stderr.decode(errors="replace")[-500:])


def verify_copy(path, *, expected_duration):
    """Check the copy is what we promised; returns its probe."""
    copy = probe(path)
    problems = []
    if copy.video_codec != "h264":
        problems.append(f"video codec {copy.video_codec}")
    if copy.audio_codec not in ("", "aac"):
        problems.append(f"audio codec {copy.audio_codec}")
    if copy.rotation:
        problems.append(f"rotation {copy.rotation}")
    leaked = sorted(k for k in copy.tags if k.removeprefix("stream:") not in HARMLESS_TAGS)
    if leaked:
        problems.append(f"tags {leaked}")
    if expected_duration and copy.duration:
        if abs(copy.duration - expected_duration) > max(1.0, expected_duration * 0.05):
            problems.append(f"duration {copy.duration} not {expected_duration}")
    if problems:
        raise Unreadable(NOT_CONVERTED, "; ".join(problems))
    return copy


def poster(source, target, *, at, timeout=60):
    """One JPEG frame from the canonical copy (so it carries no metadata either)."""
    result = _run(
        [
            settings.FFMPEG_BINARY,
            "-v",
            "error",
            "-ss",
            f"{at:.3f}",
            "-i",
            str(source),
            "-frames:v",
            "1",
            "-q:v",
            "3",
            "-map_metadata",
            "-1",
            "-flags:v",
            "+bitexact",
            "-f",
            "image2",
            "-y",
            str(target),
        ],
        timeout,
    )
    if result.returncode != 0:
        raise Unreadable(NOT_CONVERTED, result.stderr.decode(errors="replace")[-500:])


def sha256_of(path, block=1024 * 1024):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(block):
            digest.update(chunk)
    return digest.hexdigest()
