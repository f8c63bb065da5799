// Barcode scanning for ISBNs, where the browser has BarcodeDetector
// (Chromium on Android and macOS, for instance; not desktop Linux).

export function scanSupported() {
  return "BarcodeDetector" in globalThis && Boolean(navigator.mediaDevices?.getUserMedia);
}

let stopRequested = false;

export function stopScan() {
  stopRequested = true;
}

// Shows the back camera in `video` until an ISBN barcode (EAN-13 starting
// 978 or 979) is seen; resolves to its digits, or null if stopped.
export async function scanIsbn(video) {
  stopRequested = false;
  const detector = new BarcodeDetector({ formats: ["ean_13"] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
  try {
    video.srcObject = stream;
    await video.play();
    while (!stopRequested) {
      const codes = await detector.detect(video);
      const isbn = codes.map((c) => c.rawValue).find((v) => /^97[89]\d{10}$/.test(v));
      if (isbn) return isbn;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return null;
  } finally {
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  }
}
