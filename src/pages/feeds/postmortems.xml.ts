/** `/feeds/postmortems.xml`: the audience's published postmortems as RSS 2.0, newest first. */
import type { APIRoute } from 'astro';
import { getModel } from '../../data/model.ts';
import { postmortemFeed } from '../../outputs/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(postmortemFeed(await getModel()), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
