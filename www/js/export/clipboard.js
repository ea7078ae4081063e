// Copying text to the clipboard, with a report of whether it worked (the caller shows a
// fallback the person can copy by hand when it did not).

/** Copies `text`; resolves true if the clipboard took it. */
export async function copyText(text) {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
