// Growth tables and plots: a small Markdown table and a PNG of line charts (cost against the
// number of drafts or messages sent) under bench/results/. The charts are SVG, drawn here and
// turned into PNG by the headless Chromium the e2e tests use, so no plotting package is needed.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { launchChromium } from '../../test/helpers/chromium'
import { log } from './report'

export const RESULTS_DIR = path.resolve(__dirname, '../results')

/** One line of a chart: points (x, y) in x order. */
export interface Series {
  readonly name: string
  readonly points: readonly (readonly [number, number])[]
}

/** One chart of a growth: cost against a count, with an optional target line. */
export interface Chart {
  readonly title: string
  readonly x: string
  readonly y: string
  readonly series: readonly Series[]
  readonly target?: { readonly y: number; readonly label: string }
}

/** A growth as a table: column names and rows of numbers or words. */
export interface Table {
  readonly columns: readonly string[]
  readonly rows: readonly (readonly (string | number | null)[])[]
}

const COLORS = ['#1565c0', '#c62828', '#2e7d32', '#6a1b9a', '#ef6c00']
const W = 440
const H = 280
const M = { left: 64, right: 16, top: 34, bottom: 46 }

/** A step of 1, 2 or 5 times a power of ten giving about `count` ticks over [0, max]. */
function niceStep(max: number, count = 5): number {
  if (!(max > 0)) return 1
  const rough = max / count
  const power = 10 ** Math.floor(Math.log10(rough))
  const unit = rough / power
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power
}

function label(value: number): string {
  const abs = Math.abs(value)
  if (abs >= 1e6) return `${round(value / 1e6)}M`
  if (abs >= 1e4) return `${round(value / 1e3)}k`
  return String(round(value))
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** One chart as an SVG group at (ox, oy). */
function chartSvg(chart: Chart, ox: number, oy: number): string {
  const points = chart.series.flatMap((series) => series.points)
  const maxX = Math.max(1, ...points.map(([x]) => x))
  const maxY = Math.max(
    Number.MIN_VALUE,
    ...points.map(([, y]) => y).filter(Number.isFinite),
    chart.target?.y ?? 0,
  )
  const stepX = niceStep(maxX)
  const stepY = niceStep(maxY)
  const topX = Math.ceil(maxX / stepX) * stepX
  const topY = Math.ceil((maxY * 1.05) / stepY) * stepY
  const px = (x: number) => ox + M.left + (x / topX) * (W - M.left - M.right)
  const py = (y: number) => oy + H - M.bottom - (y / topY) * (H - M.top - M.bottom)
  const parts: string[] = [
    `<rect x="${ox + 0.5}" y="${oy + 0.5}" width="${W - 1}" height="${H - 1}" fill="#fff" stroke="#ddd"/>`,
    `<text x="${ox + W / 2}" y="${oy + 20}" text-anchor="middle" font-size="14" font-weight="600">${escape(chart.title)}</text>`,
  ]
  for (let y = 0; y <= topY + stepY / 2; y += stepY) {
    parts.push(
      `<line x1="${px(0)}" x2="${px(topX)}" y1="${py(y)}" y2="${py(y)}" stroke="#eee"/>`,
      `<text x="${px(0) - 6}" y="${py(y) + 4}" text-anchor="end" font-size="11" fill="#444">${label(y)}</text>`,
    )
  }
  for (let x = 0; x <= topX + stepX / 2; x += stepX) {
    parts.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${py(0)}" y2="${py(0) + 4}" stroke="#888"/>`,
      `<text x="${px(x)}" y="${py(0) + 17}" text-anchor="middle" font-size="11" fill="#444">${label(x)}</text>`,
    )
  }
  parts.push(
    `<line x1="${px(0)}" x2="${px(topX)}" y1="${py(0)}" y2="${py(0)}" stroke="#888"/>`,
    `<line x1="${px(0)}" x2="${px(0)}" y1="${py(0)}" y2="${py(topY)}" stroke="#888"/>`,
    `<text x="${ox + W / 2}" y="${oy + H - 8}" text-anchor="middle" font-size="12">${escape(chart.x)}</text>`,
    `<text transform="translate(${ox + 14} ${oy + H / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(chart.y)}</text>`,
  )
  if (chart.target !== undefined) {
    parts.push(
      `<line x1="${px(0)}" x2="${px(topX)}" y1="${py(chart.target.y)}" y2="${py(chart.target.y)}" stroke="#2e7d32" stroke-dasharray="6 4"/>`,
      `<text x="${px(topX) - 4}" y="${py(chart.target.y) - 5}" text-anchor="end" font-size="11" fill="#2e7d32">${escape(chart.target.label)}</text>`,
    )
  }
  chart.series.forEach((series, i) => {
    const color = COLORS[i % COLORS.length]!
    const finite = series.points.filter(([, y]) => Number.isFinite(y))
    if (finite.length > 1)
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2" points="${finite.map(([x, y]) => `${px(x)},${py(y)}`).join(' ')}"/>`,
      )
    for (const [x, y] of finite)
      parts.push(`<circle cx="${px(x)}" cy="${py(y)}" r="3.5" fill="${color}"/>`)
    if (chart.series.length > 1)
      parts.push(
        `<rect x="${px(0) + 10}" y="${oy + M.top + 4 + i * 16}" width="10" height="10" fill="${color}"/>`,
        `<text x="${px(0) + 25}" y="${oy + M.top + 13 + i * 16}" font-size="11">${escape(series.name)}</text>`,
      )
  })
  return parts.join('\n')
}

/** The charts side by side, two per row, with a heading. */
export function growthSvg(heading: string, charts: readonly Chart[]): string {
  const columns = Math.min(2, charts.length)
  const rows = Math.ceil(charts.length / columns)
  const width = columns * W + (columns + 1) * 10
  const height = rows * H + (rows + 1) * 10 + 30
  const body = charts
    .map((chart, i) =>
      chartSvg(chart, 10 + (i % columns) * (W + 10), 40 + Math.floor(i / columns) * (H + 10)),
    )
    .join('\n')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">
<rect width="100%" height="100%" fill="#fafafa"/>
<text x="12" y="26" font-size="16" font-weight="700">${escape(heading)}</text>
${body}
</svg>
`
}

/** The table as Markdown. */
export function tableMarkdown(table: Table): string {
  const cell = (value: string | number | null) => (value === null ? '–' : String(value))
  return [
    `| ${table.columns.join(' | ')} |`,
    `| ${table.columns.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n')
}

/**
 * Writes `<name>.md` (heading, table, note), `<name>.svg` and `<name>.png` under bench/results/,
 * and prints the table to stderr. Answers the paths, relative to the repository.
 */
export async function writeGrowth(
  name: string,
  heading: string,
  table: Table,
  charts: readonly Chart[],
  note = '',
): Promise<{ table: string; svg: string; png: string }> {
  await mkdir(RESULTS_DIR, { recursive: true })
  const markdown = tableMarkdown(table)
  log(`${heading}\n${markdown.replace(/^/gm, '  ')}`)
  const files = {
    table: path.join(RESULTS_DIR, `${name}.md`),
    svg: path.join(RESULTS_DIR, `${name}.svg`),
    png: path.join(RESULTS_DIR, `${name}.png`),
  }
  await writeFile(files.table, `# ${heading}\n\n${markdown}\n${note ? `\n${note}\n` : ''}`)
  const svg = growthSvg(heading, charts)
  await writeFile(files.svg, svg)
  const browser = await launchChromium()
  try {
    const page = await browser.newPage()
    await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`)
    await page.locator('svg').screenshot({ path: files.png })
  } finally {
    await browser.close()
  }
  const relative = (file: string) => path.relative(path.resolve(RESULTS_DIR, '../..'), file)
  return { table: relative(files.table), svg: relative(files.svg), png: relative(files.png) }
}
