/** `/teams/<id>/calendar.ics`: one team's handbook reviews, action items and review sessions (RFC 5545). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getModel } from '../../../data/model.ts';
import { teamCalendar } from '../../../outputs/ics.ts';

export const getStaticPaths = (async () => (await getModel()).teams.map((team) => ({ params: { id: team.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) =>
  new Response(teamCalendar(await getModel(), params.id!), { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
