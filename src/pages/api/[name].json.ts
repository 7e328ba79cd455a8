/** `/api/<name>.json`: the contract's JSON arrays (see src/lib/api.ts), one static file each. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getModel } from '../../data/model.ts';
import { API_NAMES, apiArray, isApiName } from '../../lib/api.ts';

export const getStaticPaths = (() => API_NAMES.map((name) => ({ params: { name } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  if (!isApiName(params.name)) return new Response('Not found', { status: 404 });
  const body = JSON.stringify(apiArray(await getModel(), params.name));
  return new Response(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
