/** `/calendar.ics`: release trains, PRD and postmortem review sessions, to subscribe to (RFC 5545). */
import type { APIRoute } from 'astro';
import { getModel } from '../data/model.ts';
import { calendar } from '../outputs/ics.ts';

export const GET: APIRoute = async () =>
  new Response(calendar(await getModel()), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
