// Child of bench/core-start.ts and bench/idle-memory.ts: the floor, a process that only loads
// the libraries the core cannot do without (Gmail API client, OAuth client, keychain).
import { gmail } from '@googleapis/gmail'
import { OAuth2Client } from 'google-auth-library'
import { rssAfterGc } from '../lib/rss'

// The floor measures keytar's own load cost, so it loads it the way the keychain adapter does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const keytar = require('keytar') as { getPassword: unknown }

if (typeof gmail !== 'function' || typeof OAuth2Client !== 'function') throw new Error('not loaded')
if (typeof keytar.getPassword !== 'function') throw new Error('keytar not loaded')
process.stdout.write('ready\n')
if (process.argv.includes('--rss')) process.stdout.write(`${JSON.stringify(rssAfterGc())}\n`)
