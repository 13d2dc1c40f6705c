/** XML text and attribute escaping for the JUnit reporter; drops characters XML 1.0 cannot carry. */

// Control characters other than tab, LF and CR are not allowed anywhere in an XML 1.0 document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
