-- The inferred links of each (article, quantity) partition were computed from the candidates stored
-- for it: a partition whose links carry another digest than its candidates was left behind by an
-- incremental build.
SELECT links.clave, links.cant_recibida, links._inputs_digest AS links_digest, cand._inputs_digest AS candidates_digest
FROM (SELECT DISTINCT clave, cant_recibida, _inputs_digest FROM {{ ref('int_inferred_links') }}) AS links
LEFT JOIN (SELECT DISTINCT clave, cant_recibida, _inputs_digest FROM {{ ref('int_match_candidates') }}) AS cand
  ON cand.clave = links.clave AND cand.cant_recibida = links.cant_recibida
  AND cand._inputs_digest = links._inputs_digest
WHERE cand.clave IS NULL
