-- Concept terms in Indonesian, Thai, Vietnamese and Swahili now match content in those languages (the
-- search index reads language codes from one table, core/languages.ts, instead of a seven-language
-- map). The index is derived data: emptied here, it is rebuilt from the repository when cyrepo next
-- prepares the database (serve, seed, import), as on a first start.
DELETE FROM search_entry;
