"""Films for the micro-analysis tests: a colour change at a known frame, and helpers
to read back what ffmpeg cut."""

import json
import subprocess

from tests.films.media import FFMPEG, FFPROBE, ffmpeg

RATE = 25
# The picture turns from red to blue at frame 37 (1.48 s).
CHANGE_FRAME = 37


def red_then_blue(path, seconds=6):
    red = CHANGE_FRAME / RATE
    ffmpeg(
        "-f", "lavfi", "-i", f"color=c=red:s=160x120:r={RATE}:d={red}",
        "-f", "lavfi", "-i", f"color=c=blue:s=160x120:r={RATE}:d={seconds - red}",
        "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}",
        "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]",
        "-map", "[v]", "-map", "2:a", "-c:v", "libx264", "-preset", "ultrafast",
        "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart", str(path),
    )  # fmt: skip
    return path


def video_duration(path):
    result = subprocess.run(  # noqa: S603
        [FFPROBE, "-v", "error", "-select_streams", "v:0", "-count_frames",
         "-show_entries", "stream=nb_read_frames,duration,codec_name", "-of", "json", str(path)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    stream = json.loads(result.stdout)["streams"][0]
    return float(stream["duration"]), int(stream["nb_read_frames"]), stream["codec_name"]


def colour_of(path):
    """The average colour of a picture as (r, g, b)."""
    result = subprocess.run(  # noqa: S603
        [FFMPEG, "-v", "error", "-i", str(path), "-vf", "scale=1:1",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return tuple(result.stdout[:3])
