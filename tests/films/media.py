"""Films made for the tests with real ffmpeg (lavfi test card and tone), small and short."""

import shutil
import subprocess

FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
FFPROBE = shutil.which("ffprobe") or "/usr/bin/ffprobe"

LAVFI = ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i"]
TONE = "sine=frequency=440:sample_rate=48000"


def ffmpeg(*args):
    subprocess.run(  # noqa: S603 — fixed arguments
        [FFMPEG, "-v", "error", "-nostdin", "-y", *args],
        check=True,
        capture_output=True,
        timeout=120,
    )


def h264_mp4(path, seconds=2):
    ffmpeg(
        *LAVFI, TONE, "-t", str(seconds), "-c:v", "libx264", "-preset", "ultrafast",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", str(path),
    )  # fmt: skip
    return path


def hevc_mov_rotated_with_location(path, seconds=2):
    """As an iPhone writes it: HEVC in MOV, turned 90° by a display matrix, with GPS
    location and the device's make and model in the metadata."""
    plain = path.with_name("plain-hevc.mov")
    ffmpeg(
        *LAVFI, TONE, "-t", str(seconds), "-c:v", "libx265", "-preset", "ultrafast",
        "-x265-params", "log-level=error", "-tag:v", "hvc1", "-pix_fmt", "yuv420p",
        "-c:a", "aac", str(plain),
    )  # fmt: skip
    ffmpeg(
        "-i", str(plain), "-c", "copy", "-metadata:s:v:0", "rotate=90",
        "-metadata", "location=+51.5074-000.1278/", "-metadata", "make=Apple",
        "-metadata", "model=iPhone 15 Pro",
        "-metadata", "com.apple.quicktime.location.ISO6709=+51.5074-000.1278/",
        str(path),
    )  # fmt: skip
    return path


def vp9_webm(path, seconds=2):
    """What Chromium's MediaRecorder makes."""
    ffmpeg(
        *LAVFI, TONE, "-t", str(seconds), "-c:v", "libvpx-vp9", "-deadline", "realtime",
        "-cpu-used", "8", "-c:a", "libopus", str(path),
    )  # fmt: skip
    return path


def three_gp(path, seconds=2):
    ffmpeg(
        "-f", "lavfi", "-i", "testsrc2=size=176x144:rate=15", "-f", "lavfi", "-i",
        "sine=sample_rate=16000", "-t", str(seconds), "-c:v", "mpeg4", "-c:a", "aac",
        "-ac", "1", str(path),
    )  # fmt: skip
    return path


def audio_only(path, seconds=2):
    ffmpeg("-f", "lavfi", "-i", TONE, "-t", str(seconds), "-c:a", "aac", str(path))
    return path


def truncated(source, path, keep=0.4):
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def probe(path):
    """Everything ffprobe says about a file, as JSON."""
    import json

    result = subprocess.run(  # noqa: S603
        [FFPROBE, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return json.loads(result.stdout)
