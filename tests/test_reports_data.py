"""A small hand-built dataset for the reports tests, inserted straight into the tables.

Incidents (public ids EV-100 to EV-500, internal ids 100 to 500):
  100  Ain al-Asad, 2024-01-20: Asharq Al-Awsat (own voice) says 14 rockets and
       2 injured; the Revenge of al-Muhandis Brigade claims it with 30 rockets.
       Contested on projectiles.
  200  Camp Nowhere (a place without coordinates), 2024-01-25: the United
       States attributes it to Kata'ib Hezbollah, which denies involvement.
       Contested on attribution.
  300  unresolved place, 2024-01-26: the Islamic Resistance in Iraq claims it,
       Iran denies it. Contested on responsibility.
  400  "Kalsu base" (unresolved), January 2024 (month precision): one report,
       1 killed and 6 injured. Not contested.
  500  Ain al-Asad, 2024-02-05: a current claim says 2 killed; a superseded
       one said 5. Not contested (superseded claims do not count).
Affiliations: Revenge -front_for-> Kata'ib Hezbollah -member_of-> Islamic
Resistance in Iraq -backed_by-> IRGC, IRGC -allied_with-> Revenge (a cycle),
and Old Group -member_of-> Kata'ib Hezbollah until 2020 (which never overlaps
KH's membership from 2023 on).
"""

from __future__ import annotations

from sqlalchemy import Engine

DATASET = """
INSERT INTO outlets (id, key, name, domain, kind, country_code) VALUES
  (1, 'aawsat.com', 'Asharq Al-Awsat', 'aawsat.com', 'newspaper', 'SA'),
  (2, 'reuters.com', 'Reuters', 'reuters.com', 'wire', 'GB');

INSERT INTO actors (id, key, name, kind, country_code) VALUES
  (1, 'irgc', 'Islamic Revolutionary Guard Corps', 'state_force', 'IR'),
  (2, 'iri', 'Islamic Resistance in Iraq', 'militia_coalition', 'IQ'),
  (3, 'kataib-hezbollah', 'Kata''ib Hezbollah', 'militia', 'IQ'),
  (4, 'revenge-brigade', 'Revenge of al-Muhandis Brigade', 'militia', 'IQ'),
  (5, 'united-states', 'United States', 'state', 'US'),
  (6, 'iran', 'Iran', 'state', 'IR'),
  (7, 'old-group', 'Old Group', 'militia', 'IQ');

INSERT INTO affiliations (actor_id, related_actor_id, relation, valid_from, valid_to, evidence_key, reference_file) VALUES
  (4, 3, 'front_for', NULL, NULL, 'reference:affiliations.toml', 'affiliations.toml'),
  (3, 2, 'member_of', DATE '2023-10-01', NULL, 'reference:affiliations.toml', 'affiliations.toml'),
  (2, 1, 'backed_by', NULL, NULL, 'reference:affiliations.toml', 'affiliations.toml'),
  (1, 4, 'allied_with', NULL, NULL, 'reference:test-cycle', 'test-cycle'),
  (7, 3, 'member_of', NULL, DATE '2020-01-01', 'reference:affiliations.toml', 'affiliations.toml');

INSERT INTO places (id, key, name, kind, country_code, latitude, longitude) VALUES
  (1, 'ain-al-asad', 'Ain al-Asad Air Base', 'base', 'IQ', 33.8, 42.44),
  (2, 'camp-nowhere', 'Camp Nowhere', 'base', 'SY', NULL, NULL);

INSERT INTO sources (id, content_sha256, url, outlet_id, published_on, text, origin, extractor_version) VALUES
  (1, md5('1') || md5('a'), 'https://aawsat.com/a/1', 1, DATE '2024-01-21', 'text one', 'test', 't1'),
  (2, md5('2') || md5('a'), 'https://www.reuters.com/a/2', 2, DATE '2024-01-22', 'text two', 'test', 't1'),
  (3, md5('3') || md5('a'), 'https://www.example.org/news/3', NULL, DATE '2024-01-27', 'text three', 'test', 't1');

INSERT INTO incidents (id, public_id, occurred_on, date_precision, event_type, place_id, place_text, country_code, outcome,
                       weapons, perpetrator_actor_id, perpetrator_text, perpetrator_basis, target_actor_id,
                       killed_low, killed_high, injured_low, injured_high, projectiles_low, projectiles_high) VALUES
  (100, 'EV-100', DATE '2024-01-20', 'day', 'attack', 1, NULL, 'IQ', 'hit', '{rocket}', 4, NULL, 'claimed', 5,
   NULL, NULL, 2, 2, 14, 30),
  (200, 'EV-200', DATE '2024-01-25', 'day', 'attack', 2, NULL, 'SY', 'unknown', '{drone}', 3, NULL, 'attributed', 5,
   NULL, NULL, NULL, NULL, NULL, NULL),
  (300, 'EV-300', DATE '2024-01-26', 'day', 'attack', NULL, 'Al-Tanf', 'SY', 'unknown', '{}', 2, NULL, 'claimed', 5,
   NULL, NULL, NULL, NULL, NULL, NULL),
  (400, 'EV-400', DATE '2024-01-01', 'month', 'airstrike', NULL, 'Kalsu base', 'IQ', 'hit', '{missile}', NULL, 'unknown gunmen', 'reported', NULL,
   1, 1, 6, 6, NULL, NULL),
  (500, 'EV-500', DATE '2024-02-05', 'day', 'attack', 1, NULL, 'IQ', 'hit', '{drone}', 3, NULL, 'reported', 5,
   2, 2, NULL, NULL, NULL, NULL);

INSERT INTO claims (id, source_id, extractor_version, claim_type, stance, claimant_actor_id, claimant_outlet_id,
                    claimant_text, incident_id, occurred_on, date_precision, place_id, place_text, killed, injured,
                    projectiles, quote, char_start, char_end, sentence_index, confidence, superseded_at) VALUES
  (1001, 1, 't1', 'incident_report', 'asserted', NULL, NULL, NULL, 100, DATE '2024-01-20', 'day', 1, NULL, NULL, 2, 14,
   'about 14 Grad missiles at the Ain al-Assad base', 0, 10, 0, 0.9, NULL),
  (1002, 2, 't1', 'responsibility_claimed', 'asserted', 4, NULL, 'the Revenge of al-Muhandis Brigade', 100, DATE '2024-01-20', 'day', 1, NULL, NULL, NULL, 30,
   'claimed responsibility for firing 30 rockets', 0, 10, 0, 0.9, NULL),
  (2001, 2, 't1', 'attribution', 'asserted', 5, NULL, 'US officials', 200, DATE '2024-01-25', 'day', 2, NULL, NULL, NULL, NULL,
   'US officials blamed Kataib Hezbollah', 0, 10, 1, 0.8, NULL),
  (2002, 3, 't1', 'involvement_denied', 'denied', 3, NULL, 'Kataib Hezbollah', 200, NULL, 'unknown', NULL, NULL, NULL, NULL, NULL,
   'Kataib Hezbollah denied any involvement', 0, 10, 0, 0.8, NULL),
  (3001, 1, 't1', 'responsibility_claimed', 'asserted', 2, NULL, 'Islamic Resistance in Iraq', 300, DATE '2024-01-26', 'day', NULL, 'Al-Tanf', NULL, NULL, NULL,
   'The Islamic Resistance in Iraq claimed the attack', 0, 10, 2, 0.8, NULL),
  (3002, 3, 't1', 'responsibility_denied', 'denied', 6, NULL, 'Tehran', 300, NULL, 'unknown', NULL, NULL, NULL, NULL, NULL,
   'Tehran denied responsibility', 0, 10, 1, 0.8, NULL),
  (4001, 3, 't1', 'incident_report', 'asserted', NULL, 2, 'Reuters', 400, DATE '2024-01-01', 'month', NULL, 'Kalsu base', 1, 6, NULL,
   'one killed and six injured at Kalsu base, Reuters reported', 0, 10, 3, 0.7, NULL),
  (5001, 3, 't1', 'casualty_report', 'hedged', NULL, NULL, 'Iraqi sources', 500, DATE '2024-02-05', 'day', 1, NULL, 2, NULL, NULL,
   'two were reportedly killed, Iraqi sources said', 0, 10, 4, 0.6, NULL),
  (5002, 3, 't0', 'casualty_report', 'asserted', NULL, NULL, NULL, 500, DATE '2024-02-05', 'day', 1, NULL, 5, NULL, NULL,
   'five were killed', 0, 10, 4, 0.6, now());

INSERT INTO claim_actors (claim_id, role, position, source_id, actor_id, actor_text) VALUES
  (1001, 'target', 0, 1, 5, 'US soldiers'),
  (1002, 'perpetrator', 0, 2, 4, 'the Revenge of al-Muhandis Brigade'),
  (2001, 'perpetrator', 0, 2, 3, 'Kataib Hezbollah'),
  (2001, 'perpetrator', 1, 2, NULL, 'Unknown Brigade'),
  (3001, 'perpetrator', 0, 1, 2, 'Islamic Resistance in Iraq'),
  (5002, 'perpetrator', 0, 3, NULL, 'Superseded Name');

INSERT INTO statistics (id, source_id, extractor_version, actor_id, actor_text, count, count_text, qualifier, what,
                        target_text, period_text, period_start, quote, char_start, char_end, sentence_index,
                        confidence, superseded_at) VALUES
  (1, 1, 't1', 2, 'pro-Iranian militias', 150, 'more than 150', 'more_than', 'attacks', 'US forces',
   'since October', DATE '2023-10-01', 'more than 150 attacks on US forces since October', 0, 10, 5, 0.7, NULL),
  (2, 1, 't0', 2, 'pro-Iranian militias', 140, '140', 'exact', 'attacks', NULL, NULL, NULL, 'old', 0, 10, 5, 0.7, now());

INSERT INTO name_mentions (id, source_id, extractor_version, name, kind, quote, char_start, char_end) VALUES
  (1, 2, 't1', 'Unknown Brigade', 'actor', 'US officials blamed Kataib Hezbollah and the Unknown Brigade', 0, 10);
"""


def load_dataset(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(DATASET)
