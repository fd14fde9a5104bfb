import { describe, expect, it } from 'vitest';
import { urlReach } from '../../src/lib/urls/urlReach.ts';

describe('urlReach', () => {
  it.each([
    ['https://abc-bulletin.example/2026/11/strike', 'placeholder'],
    ['https://tenants.example/joint-statement', 'placeholder'],
    ['https://example.org/', 'placeholder'],
    ['https://www.example.com/a', 'placeholder'],
    ['http://site.test/feed', 'placeholder'],
    ['http://nowhere.invalid/', 'placeholder'],
    ['https://ABC.EXAMPLE./x', 'placeholder'],
    ['http://127.0.0.1:4319/feeds/harbor.atom', 'local'],
    ['http://localhost:4321/', 'local'],
    ['http://app.localhost/', 'local'],
    ['http://[::1]:8080/', 'local'],
    ['https://wide-net.github.io/', 'public'],
    ['https://news.example.org.uk/', 'public'],
    ['https://myexample.com/', 'public'],
    ['https://examples.net/', 'public'],
    ['mailto:desk@abc.example', 'public'],
    ['not a url', 'public'],
  ])('%s is %s', (url, reach) => expect(urlReach(url)).toBe(reach));
});
