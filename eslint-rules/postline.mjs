// Postline's own ESLint rules (a local plugin, registered in eslint.config.mjs).
//
// `postline/no-literal-ui-text`: every word a person sees comes from the catalogs
// (src/locales/<language>/<area>.json, through `t(key, params)`), so a literal sentence in JSX,
// in a user-facing JSX attribute, or in a menu item or dialog built in main is an error.
// eslint-plugin-i18next would cover the JSX half, but not Electron's menu and dialog objects;
// this rule is small enough to own.

/** Words that are names, the same in every language. */
const NAMES = new Set(['Postline', 'Google', 'Gmail'])

/** JSX attributes a person reads or hears. */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
  'placeholder',
  'title',
])

/** Properties of Electron's menu items and dialog options that a person reads. */
const VISIBLE_PROPERTIES = new Set([
  'label',
  'sublabel',
  'toolTip',
  'message',
  'detail',
  'title',
  'buttonLabel',
  'checkboxLabel',
  'nameFieldLabel',
])

const LETTER = /\p{L}/u

/** Whether `text` holds a word to translate: a letter, and not only a name. */
function isWords(text) {
  const trimmed = text.trim()
  return LETTER.test(trimmed) && !NAMES.has(trimmed)
}

/** The literal text of a string or template literal node, or null. */
function literalText(node) {
  if (!node) return null
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? '').join('')
  if (node.type === 'JSXExpressionContainer') return literalText(node.expression)
  if (node.type === 'ConditionalExpression') {
    return [literalText(node.consequent), literalText(node.alternate)].filter(Boolean).join(' ')
  }
  if (node.type === 'LogicalExpression') return literalText(node.right)
  return null
}

const MESSAGE = 'Words a person sees come from the catalogs: use t(…) with a key in src/locales/.'

/** @type {import('eslint').Rule.RuleModule} */
const noLiteralUiText = {
  meta: {
    type: 'problem',
    docs: { description: 'Refuse literal user-visible text in JSX, menus and dialogs.' },
    schema: [
      {
        type: 'object',
        properties: { jsx: { type: 'boolean' }, electron: { type: 'boolean' } },
        additionalProperties: false,
      },
    ],
    messages: { literal: MESSAGE },
  },
  create(context) {
    const { jsx = true, electron = false } = context.options[0] ?? {}
    const report = (node) => context.report({ node, messageId: 'literal' })
    const listeners = {}
    if (jsx) {
      listeners.JSXText = (node) => {
        if (isWords(node.value)) report(node)
      }
      listeners.JSXExpressionContainer = (node) => {
        if (node.parent?.type === 'JSXAttribute') return
        const text = literalText(node.expression)
        if (text !== null && isWords(text)) report(node)
      }
      listeners.JSXAttribute = (node) => {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null
        if (!name || !VISIBLE_ATTRIBUTES.has(name)) return
        const text = literalText(node.value)
        if (text !== null && isWords(text)) report(node.value)
      }
    }
    if (electron) {
      listeners.Property = (node) => {
        const key = node.key.type === 'Identifier' ? node.key.name : node.key.value
        if (VISIBLE_PROPERTIES.has(key)) {
          const text = literalText(node.value)
          if (text !== null && isWords(text)) report(node.value)
        }
        if (key === 'buttons' && node.value.type === 'ArrayExpression') {
          for (const element of node.value.elements) {
            const text = literalText(element)
            if (text !== null && isWords(text)) report(element)
          }
        }
      }
    }
    return listeners
  },
}

export default {
  meta: { name: 'postline' },
  rules: { 'no-literal-ui-text': noLiteralUiText },
}
