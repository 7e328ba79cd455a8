/** `/feeds/releases.xml`: the audience's releases as RSS 2.0, newest first. */
import type { APIRoute } from 'astro';
import { getModel } from '../../data/model.ts';
import { releaseFeed } from '../../outputs/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(releaseFeed(await getModel()), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
