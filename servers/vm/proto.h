/*
 * proto.h - VM's functions, by file.
 */
#ifndef VM_PROTO_H
#define VM_PROTO_H

#include <stdint.h>
#include <minnow/ipc.h>
#include <minnow/sef.h>
#include <minnow/srv.h>

struct vmproc;

/** A VM request handler: the answer (m_type of the reply, out fields in m), or -EDONTREPLY
 *  (a message from the kernel, finished otherwise). */
typedef int (*vm_handler_t)(message *m);
/** One row of VM's call table (table.c). */
SRV_ROW_TYPE(vm_call, vm_handler_t);

/* table.c */
int vm_dispatch(message *m, int status);

/* alloc.c */
void alloc_init(void);
uint32_t alloc_page(void);
uint32_t alloc_contig(uint32_t n);
void free_page(uint32_t pa);
int page_share(uint32_t pa);
uint32_t page_refcount(uint32_t pa);
void free_range(uint32_t start, uint32_t end);
uint32_t alloc_free_pages(void);
uint32_t alloc_total_pages(void);
int do_info(message *m);
int do_region(message *m);
int do_stack_limit(message *m);

/* pagetable.c */
void *phys_ptr(uint32_t pa);
uint32_t pt_new(void);
int pt_map(uint32_t pd, uint32_t va, uint32_t pa, uint32_t flags);
int pt_lookup(uint32_t pd, uint32_t va, uint32_t *pa);
void pt_unmap(uint32_t pd, uint32_t va);
uint32_t pt_flags(uint32_t pd, uint32_t va);
/* Does directory entry pde point at a page table (present, not a 4 MiB page of the window
 * on physical memory: PTE_PS)?  Inline: the walkers of a directory ask it 960 times. */
static inline int
pt_is_table(uint32_t pde)
{
	return (pde & 0x001) && !(pde & 0x080);
}
void pt_map_window(uint32_t pd);

/* boot.c */
void boot_load_all(void);

/* fault.c */
int do_pagefault(message *m);
int cow_break(uint32_t pd, uint32_t va, uint32_t pa);

/* sanity.c */
extern int vm_sanity;
void sanity_check(void);
int do_sanity(message *m);

/* mmap.c */
int do_mmap(message *m);
int do_map_phys(message *m);
int do_munmap(message *m);

/* forkexit.c */
int do_fork(message *m);
int do_exit(message *m);
int do_brk(message *m);

/* safemap.c */
struct vmproc;
int do_safemap(message *m);
int do_saferevmap(message *m);
int do_safeunmap(message *m);
void safemap_forget(endpoint_t e);
void safemap_swap(endpoint_t a, endpoint_t b);
int safemap_fork(struct vmproc *parent, struct vmproc *child);
int safemap_sanity(char *why, size_t n);

/* update.c */
int do_rs_update(message *m);
int rs_update_caller(const message *m, int status);
int do_rs_makevm(message *m);
int do_rs_pin(message *m);
void swap_vmprocs(struct vmproc *a, struct vmproc *b);

/* lu.c (VM's own live update: the new VM's side) */
int vm_lu_start(int argc, char **argv);
int vm_lu_init(int type, sef_init_info_t *info);


/* exec.c */
int do_exec_newmem(message *m);
int do_exec_map(message *m);
int do_exec_done(message *m);

#endif
