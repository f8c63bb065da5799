// Barcode scanning for ISBNs, where the browser has BarcodeDetector
// (Chromium on Android and macOS, for instance; not desktop Linux).

export function scanSupported() {
  return "BarcodeDetector" in globalThis && Boolean(navigator.mediaDevices?.getUserMedia);
}

// The scans running, each with its own stop flag: a scan started while
// another is still winding down (its page left mid-scan) must not clear
// the other's, or that one's camera would stay on.
const running = new Set();

export function stopScan() {
  for (const scan of running) scan.stopped = true;
}

// Shows the camera (`facing`: "environment" or "user") in `video` until a
// code of one of `formats` that `wanted` accepts is seen; resolves to its
// text, or null if stopped.
async function scan(video, formats, facing, wanted) {
  const me = { stopped: false };
  running.add(me);
  try {
    const detector = new BarcodeDetector({ formats });
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: facing }, audio: false });
    try {
      video.srcObject = stream;
      await video.play();
      while (!me.stopped) {
        const codes = await detector.detect(video);
        const found = codes.map((c) => c.rawValue).find(wanted);
        if (found !== undefined) return found;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return null;
    } finally {
      stream.getTracks().forEach((track) => track.stop());
      video.srcObject = null;
    }
  } finally {
    running.delete(me);
  }
}

// An ISBN barcode (EAN-13 starting 978 or 979), with the back camera.
export function scanIsbn(video) {
  return scan(video, ["ean_13"], "environment", (v) => /^97[89]\d{10}$/.test(v));
}

// Any QR code (the app decides whether it is a door code or a pass):
// the back camera on a phone, the front one on a kiosk facing people.
export function scanQr(video, front) {
  return scan(video, ["qr_code"], front ? "user" : "environment", () => true);
}
