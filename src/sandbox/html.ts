import { WORDS, type SandboxLanguage } from './words'

/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
  body { margin: 0; background: #f1f3f4; color: #202124; }
  .notice { background: #fef7e0; color: #5f4100; border-bottom: 1px solid #f9e3a3; padding: 8px 16px;
    text-align: center; font-size: 14px; }
  main { max-width: 460px; margin: 40px auto; background: #fff; border: 1px solid #dadce0;
    border-radius: 8px; padding: 32px 36px; }
  h1 { font-size: 22px; font-weight: 500; margin: 0 0 8px; }
  p { line-height: 1.5; }
  .muted { color: #5f6368; font-size: 14px; }
  .code { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; color: #b3261e; }
  fieldset { border: 0; padding: 0; margin: 20px 0; }
  legend { font-weight: 500; margin-bottom: 8px; padding: 0; }
  .option { display: flex; gap: 12px; align-items: flex-start; padding: 10px 12px;
    border: 1px solid #dadce0; border-radius: 6px; margin-bottom: 8px; cursor: pointer; }
  .option small { display: block; color: #5f6368; }
  .actions { display: flex; justify-content: flex-end; gap: 12px; margin-top: 24px; }
  button { font: inherit; font-weight: 500; border-radius: 4px; padding: 8px 24px; cursor: pointer; }
  button.secondary { background: #fff; color: #1a73e8; border: 1px solid #dadce0; }
  button.primary { background: #1a73e8; color: #fff; border: 1px solid #1a73e8; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  td, th { text-align: left; padding: 6px 4px; border-bottom: 1px solid #eee; vertical-align: top; }
  form.inline { display: inline; }
  form.inline button { padding: 2px 10px; font-size: 13px; }
`

/**
 * A whole page in `language`: the sandbox notice on top, then `body` in a card. `body` must be
 * escaped HTML.
 */
export function page(title: string, body: string, language: SandboxLanguage = 'en'): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="notice" role="note">${escapeHtml(WORDS[language].notice)}</div>
<main>
${body}
</main>
</body>
</html>
`
}
