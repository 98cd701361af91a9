/** The small page the loopback listener answers the browser with. */
export interface ResultPage {
  readonly title: string
  readonly body: string
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

/** A self-contained page (no scripts, no external resources) in light or dark. */
export function renderResultPage(page: ResultPage): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(page.title)} · Postline</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: Canvas; color: CanvasText; }
main { max-width: 28rem; padding: 2rem; text-align: center; }
h1 { font-size: 1.4rem; margin: 0 0 .75rem; }
p { line-height: 1.5; margin: 0; opacity: .85; }
.mark { font-size: .85rem; letter-spacing: .08em; text-transform: uppercase; opacity: .6; margin-bottom: 1rem; }
</style></head>
<body><main><div class="mark">Postline</div><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.body)}</p></main></body></html>`
}
