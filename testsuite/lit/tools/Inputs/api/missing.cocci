/// api-sync test input: names SPEC_GET and RELEASE only in part.
/// get_page_unless_zero and folio_put appear in this comment only.
// API roles: SPEC_GET, RELEASE
@r@
identifier get =~ "^(page_cache_get_speculative|page_cache_add_speculative|folio_try_get_rcu|folio_try_get|try_get_folio|try_grab_folio_fast)$";
identifier put = {put_page, put_compound_head, gup_put_folio, folio_put_refs, page_cache_release};
expression e;
@@
(
get(e)
|
try_get_compound_head(e, 1)
|
try_grab_compound_head(e, 1, 0)
|
try_grab_folio(e, 1, 0)
|
try_grab_page(e, 0)
|
try_get_page(e)
|
put(e)
)

@initialize:ocaml@
@@
let api_role_changes = [
  ("try_grab_folio", "SPEC_GET", "ptr", "5.18", "6.10");
  ("try_grab_folio", "LOCKED_GET", "status", "6.10", "") ]
