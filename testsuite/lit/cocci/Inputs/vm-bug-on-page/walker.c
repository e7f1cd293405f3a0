/* The patch mode of vm-bug-on-page: an input and its expected .res. */
struct page;
struct folio;

int gup_huge(struct page *head, struct page **pages, unsigned long addr,
	     unsigned long end, int *nr)
{
	struct page *page = head;
	struct folio *folio;
	int refs = 0;

	do {
		VM_BUG_ON(compound_head(page) != head);
		pages[*nr + refs++] = page++;
	} while (addr += PAGE_SIZE, addr != end);

	folio = try_grab_folio_fast(head, refs, 0);
	if (!folio)
		return 0;
	VM_BUG_ON(folio_nr_pages(folio) < refs);
	VM_BUG_ON(refs == 0);
	*nr += refs;
	return 1;
}
