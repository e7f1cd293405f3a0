#!/usr/bin/env python3
"""Checks a page of ptwalk --audit --format=html.

    audit-html-check.py PAGE [GROUP:ROW:RULE=STATE ...]

The page must parse as HTML with every non-void element closed in order;
every link must resolve, to an id of the page ("#id") or to a file that
exists (a rule doc: relative to the page's directory, absolute, or a
file: URI); it must link at least one rule doc (*.md); and each cell
named on the command line (its td has id "c-GROUP-ROW-RULE") must have
the class STATE: held, violated, na or none.  Prints each problem and
exits 1; 0 when the page is sound.
"""
import html.parser
import os
import sys
import urllib.parse

VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
        'meta', 'source', 'track', 'wbr'}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.hrefs, self.cells = [], set(), [], {}
        self.problems = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if 'id' in a:
            if a['id'] in self.ids:
                self.problems.append('duplicate id %r' % a['id'])
            self.ids.add(a['id'])
            if tag == 'td':
                self.cells[a['id']] = a.get('class', '')
        if tag == 'a' and 'href' in a:
            self.hrefs.append(a['href'])
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append('line %d: </%s> closes %s' % (
                self.getpos()[0], tag,
                '<%s> of line %d' % (self.stack[-1][0], self.stack[-1][1][0])
                if self.stack else 'nothing'))
            return
        self.stack.pop()


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path = argv[1]
    with open(path, encoding='utf-8') as f:
        text = f.read()
    page = Page()
    page.feed(text)
    page.close()
    problems = page.problems
    for tag, pos in page.stack:
        problems.append('line %d: <%s> never closed' % (pos[0], tag))
    if not text.lstrip().lower().startswith('<!doctype html>'):
        problems.append('no <!DOCTYPE html>')
    docs = 0
    for href in page.hrefs:
        if href.startswith('#'):
            if href[1:] not in page.ids:
                problems.append('link %s: no such id in the page' % href)
            continue
        url = urllib.parse.urlparse(href)
        if url.scheme not in ('', 'file'):
            problems.append('link %s: not a file of this machine' % href)
            continue
        target = urllib.parse.unquote(url.path)
        if not os.path.isabs(target):
            target = os.path.join(os.path.dirname(os.path.abspath(path)), target)
        if not os.path.isfile(target):
            problems.append('link %s: %s does not exist' % (href, target))
        elif target.endswith('.md'):
            docs += 1
    if not docs:
        problems.append('no link to a rule doc')
    for want in argv[2:]:
        cell, _, state = want.partition('=')
        cid = 'c-' + cell.replace(':', '-')
        if cid not in page.cells:
            problems.append('cell %s: not in the page' % cell)
        elif page.cells[cid] != state:
            problems.append('cell %s: %s, expected %s' % (
                cell, page.cells[cid], state))
    for p in problems:
        print('%s: %s' % (path, p))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
