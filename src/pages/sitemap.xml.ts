/** `/sitemap.xml`: every HTML page this build publishes, as absolute URLs. */
import type { APIRoute } from 'astro';
import { getModel } from '../data/model.ts';
import { sitemap } from '../outputs/sitemap.ts';

export const GET: APIRoute = async () =>
  new Response(sitemap(await getModel()), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
