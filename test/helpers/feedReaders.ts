// What feed readers do with a published feed, with the tools they use: a strict XML parser
// (libxml2's xmllint, Python's expat), the Universal Feed Parser (Debian's python3-feedparser),
// and an HTML parser (parse5) to see what a reader rendering a field as HTML would get.
import { parseFragment } from 'parse5';
import { runProcess } from '../../scripts/cli/runProcess.ts';

// Debian's interpreter, where python3-feedparser installs (a pyenv or venv python may lack it).
const PYTHON = '/usr/bin/python3';

async function run(cmd: string, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const result = await runProcess(cmd, args, { maxBytes: 256 * 1024 * 1024, ...(input !== undefined && { input }) }).catch((error: unknown) => {
    throw new Error(`[feedReaders] ${cmd} did not run (${(error as Error).message}). Install Debian's libxml2-utils and python3-feedparser: bash .ci/run does.`);
  });
  if (result.code === null) throw new Error(`[feedReaders] ${cmd} was ended by ${result.signal}`);
  return { code: result.code, stdout: result.stdout, stderr: result.stderr };
}

/** libxml2's strict parser: '' when the file is well-formed XML, else its errors. */
export async function xmllint(path: string): Promise<string> {
  const { code, stderr } = await run('xmllint', ['--noout', '--nonet', path]);
  return code === 0 ? '' : stderr || `xmllint exited with ${code}`;
}

/** Python's expat, a second strict parser: '' when well-formed, else the error. */
export async function expat(path: string): Promise<string> {
  const script = 'import sys, xml.parsers.expat\np = xml.parsers.expat.ParserCreate()\ntry:\n  p.ParseFile(open(sys.argv[1], "rb"))\nexcept xml.parsers.expat.ExpatError as e:\n  print(e)';
  const { stdout, stderr } = await run(PYTHON, ['-c', script, path]);
  return (stdout + stderr).trim();
}

/** A field as the Universal Feed Parser gives it: its value and the content type it decided. */
export interface ParsedText {
  value: string;
  type: string;
}

export interface FeedparserEntry {
  id: string;
  links: { rel: string; href: string }[];
  title?: ParsedText;
  summary?: ParsedText;
  content: ParsedText[];
  authors: string[];
  tags: string[];
}

export interface FeedparserResult {
  version: string;
  bozo: boolean;
  bozoException: string;
  links: { rel: string; href: string }[];
  entries: FeedparserEntry[];
}

const FEEDPARSER = `
import json, sys, feedparser
d = feedparser.parse(sys.argv[1])
text = lambda detail: None if detail is None else {'value': detail.get('value', ''), 'type': detail.get('type', '')}
links = lambda ls: [{'rel': l.get('rel', ''), 'href': l.get('href', '')} for l in ls]
print(json.dumps({
  'version': d.get('version', ''), 'bozo': bool(d.bozo), 'bozoException': str(d.get('bozo_exception', '')),
  'links': links(d.feed.get('links', [])),
  'entries': [{
    'id': e.get('id', ''), 'links': links(e.get('links', [])),
    'title': text(e.get('title_detail')), 'summary': text(e.get('summary_detail')),
    'content': [text(c) for c in e.get('content', [])],
    'authors': [a.get('name', '') for a in e.get('authors', [])],
    'tags': [t.get('term', '') for t in e.get('tags', [])],
  } for e in d.entries]}))
`;

/**
 * Parses a feed file with the Universal Feed Parser, as readers built on it do.
 *
 * @example (await feedparser('dist/commons/atom.xml')).entries[0].title // { value: 'Why <script> tags…', type: 'text/plain' }
 */
export async function feedparser(path: string): Promise<FeedparserResult> {
  const { code, stdout, stderr } = await run(PYTHON, ['-c', FEEDPARSER, path]);
  if (code !== 0) throw new Error(`[feedReaders] feedparser failed on ${path} (install Debian's python3-feedparser):\n${stderr}`);
  return JSON.parse(stdout) as FeedparserResult;
}

// What a page must never run or load when a reader renders a feed's field as HTML.
const ACTIVE_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'style', 'form', 'input', 'button', 'textarea', 'select', 'base', 'meta', 'link']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'cite']);

interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
}

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
  if (node.content) walk(node.content, visit);
}

/**
 * Everything active in `html` rendered as HTML by a reader: script and embedding elements, event
 * handler attributes, and `javascript:`/`vbscript:` URLs. [] when inert.
 *
 * @example activeMarkup('<img src=x onerror=alert(1)>') // ['<img onerror>']
 */
export function activeMarkup(html: string): string[] {
  const found: string[] = [];
  walk(parseFragment(html) as unknown as Node, (n) => {
    if (!n.tagName) return;
    if (ACTIVE_ELEMENTS.has(n.tagName)) found.push(`<${n.tagName}>`);
    for (const a of n.attrs ?? []) {
      if (/^on/i.test(a.name)) found.push(`<${n.tagName} ${a.name}>`);
      // Browsers ignore control characters and spaces inside a scheme: "java\tscript:" runs.
      if (URL_ATTRIBUTES.has(a.name) && /^(javascript|vbscript):/i.test(a.value.replace(/[\x00-\x20]/g, ''))) found.push(`<${n.tagName} ${a.name}="${a.value}">`);
    }
  });
  return found;
}

/**
 * The text a reader shows for `html` rendered as HTML, whitespace collapsed.
 *
 * @example renderedText('<p>a &lt;b&gt;</p> <p>c</p>') // 'a <b> c'
 */
export function renderedText(html: string): string {
  const parts: string[] = [];
  walk(parseFragment(html) as unknown as Node, (n) => {
    if (n.nodeName === '#text') parts.push(n.value ?? '');
    else if (n.tagName === 'p' || n.tagName === 'br' || n.tagName === 'hr') parts.push(' ');
  });
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/**
 * What a reader shows for a field the feed parser typed: HTML rendered as HTML, anything else as it is.
 *
 * @example shownText({ value: 'AT&amp;T', type: 'text/html' }) // 'AT&T'
 */
export function shownText(field: ParsedText): string {
  return /html/.test(field.type) ? renderedText(field.value) : field.value.replace(/\s+/g, ' ').trim();
}
