// "Record a film" with the device's camera (getUserMedia + MediaRecorder).
// The recorder hands over a piece every two seconds; each piece is sent to the
// service straight away and then dropped, so nothing stays on the device. After
// "Stop recording" the recording plays back from the service; "Keep this film"
// sends it for checking, "Discard" deletes it. The section stays hidden in a
// browser that can't record.
import { UploadError, newKey, post, sendRange, startUpload } from "./transfer.js";

const section = document.querySelector("[data-film-record]");
const TYPES = ["video/webm;codecs=vp9,opus", "video/webm;codecs=vp8,opus", "video/webm", "video/mp4"];
const PIECE_MS = 2000;

const canRecord =
  section &&
  navigator.mediaDevices &&
  navigator.mediaDevices.getUserMedia &&
  window.MediaRecorder &&
  window.fetch &&
  typeof MediaRecorder.isTypeSupported === "function";
const type = canRecord ? TYPES.find((t) => MediaRecorder.isTypeSupported(t)) : null;

if (canRecord && type) {
  section.hidden = false;
  setUp(section);
}

function setUp(section) {
  const form = document.querySelector("[data-film-upload]");
  const csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
  const pageKey = form.querySelector('input[name="key"]').value;
  const camera = section.querySelector("[data-film-camera]");
  const preview = section.querySelector("[data-film-preview]");
  const time = section.querySelector("[data-film-record-time]");
  const announcer = section.querySelector("[data-film-record-announcer]");
  const summary = document.querySelector("[data-film-error-summary]");
  const buttons = {
    start: section.querySelector("[data-film-record-start]"),
    stop: section.querySelector("[data-film-record-stop]"),
    keep: section.querySelector("[data-film-record-keep]"),
    discard: section.querySelector("[data-film-record-discard]"),
  };
  const maxSeconds = Number(section.dataset.maxSeconds) || 1200;
  let stream = null;
  let recorder = null;
  let upload = null;
  let sent = 0;
  let sending = Promise.resolve();
  let failure = null;
  let clock = null;

  const say = (message) => {
    announcer.textContent = message;
  };

  const show = (...names) => {
    for (const [name, button] of Object.entries(buttons)) button.hidden = !names.includes(name);
  };

  function showError(message) {
    summary.querySelector("[data-film-error-text]").textContent = message;
    summary.hidden = false;
    summary.focus();
  }

  function tick(started) {
    const seconds = Math.floor((Date.now() - started) / 1000);
    time.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
    if (seconds >= maxSeconds) stop();
  }

  // Pieces are sent one after another, in order; each is dropped once sent.
  function send(piece) {
    sending = sending.then(async () => {
      if (failure) return;
      try {
        await sendRange(upload, csrf, piece, sent, sent + piece.size, { base: sent });
        sent += piece.size;
      } catch (error) {
        failure = error;
      }
    });
  }

  function release() {
    if (stream) for (const track of stream.getTracks()) track.stop();
    stream = null;
    camera.srcObject = null;
    camera.hidden = true;
    clearInterval(clock);
  }

  async function start() {
    summary.hidden = true;
    failure = null;
    sent = 0;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment", width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: true,
      });
    } catch (error) {
      showError(
        "The camera could not be started. Check this browser may use the camera and " +
          "microphone, or upload a film instead.",
      );
      return;
    }
    try {
      upload = await startUpload(section.dataset.startUrl, csrf, {
        key: newKey(pageKey),
        name: `Recording ${new Date().toLocaleString("en-GB")}`,
        type,
        source: "recording",
      });
    } catch (error) {
      release();
      showError(error instanceof UploadError ? error.message : "The recording could not start.");
      return;
    }
    camera.srcObject = stream;
    camera.hidden = false;
    camera.play().catch(() => {});
    recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 2500000 });
    recorder.addEventListener("dataavailable", (event) => {
      if (event.data && event.data.size) send(event.data);
    });
    recorder.start(PIECE_MS);
    const started = Date.now();
    time.hidden = false;
    tick(started);
    clock = setInterval(() => tick(started), 500);
    show("stop");
    buttons.stop.focus();
    say("Recording. Select Stop recording when you have finished.");
  }

  async function stop() {
    if (!recorder || recorder.state === "inactive") return;
    const stopped = new Promise((resolve) => recorder.addEventListener("stop", resolve, { once: true }));
    recorder.stop();
    release();
    show();
    say("Recording stopped. Sending the last part of the film.");
    await stopped;
    await sending;
    if (failure) {
      showError(failure instanceof UploadError ? failure.message : "The recording could not be sent.");
      show("start");
      return;
    }
    preview.src = upload.preview;
    preview.hidden = false;
    show("keep", "discard");
    buttons.keep.focus();
    say("The recording is ready to watch. Keep it, or discard it.");
  }

  async function keep() {
    show();
    try {
      const done = await post(`${upload.upload}finish/`, csrf);
      window.location.assign(done.film);
    } catch (error) {
      showError(error instanceof UploadError ? error.message : "The recording could not be kept.");
      show("keep", "discard");
    }
  }

  async function discard() {
    show();
    preview.removeAttribute("src");
    preview.hidden = true;
    try {
      await post(upload.upload, csrf, "DELETE");
      say("The recording was discarded and deleted.");
    } catch (error) {
      showError(error instanceof UploadError ? error.message : "The recording could not be deleted.");
    }
    time.hidden = true;
    upload = null;
    show("start");
    buttons.start.focus();
  }

  buttons.start.addEventListener("click", start);
  buttons.stop.addEventListener("click", stop);
  buttons.keep.addEventListener("click", keep);
  buttons.discard.addEventListener("click", discard);
}
