/*
 * mem_test.c - the memory driver's cases (drivers/memory), run by grader/tests/memory.py.
 *
 * A system process (priv=sys: it needs a grant table) that plays VFS: it speaks the
 * character protocol (minnow/cdev.h) to /dev/null, /dev/zero and /dev/mem and the block
 * protocol (minnow/bdev.h) to /dev/imgrd, always passing data by grant (cpf_grant_direct)
 * and naming itself as the user.  Requests go by SENDREC, except one sent with SEND whose
 * reply must come back asynchronously.  It also checks the driver's DS "up" keys and the
 * open-minor filter (a read before any open is refused) and that a type the driver does not
 * serve is answered ENOSYS.  The driver takes its requests because its module line names
 * it (callers=mem_test: handouts/drivers.md, "Who may call a driver").  Boot module order:
 * memory before this program, with sf=synch, so the driver has announced itself before the
 * cases run.
 */
#include <stdio.h>
#include <string.h>
#include <minnow/bdev.h>
#include <minnow/cdev.h>
#include <minnow/com.h>
#include <minnow/ds.h>
#include <minnow/errno.h>
#include <minnow/grant.h>
#include <minnow/kinfo.h>
#include <minnow/mfs.h>
#include <minnow/sef.h>
#include <minnow/syslib.h>
#include "testlib.h"

#define BLK 4096

static endpoint_t mem = NONE;
static uint32_t next_id = 100;
static uint8_t buf[4 * BLK];
static struct kinfo ki;

/* Send a character request by SENDREC: the reply's status (or the IPC error). */
static int
cdev_call(int type, devminor_t minor, cp_grant_id_t grant, uint64_t pos, size_t count, int access)
{
	message m;
	uint32_t id = next_id++;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_cdev.minor = minor;
	m.m_cdev.grant = grant;
	m.m_cdev.pos = pos;
	m.m_cdev.count = count;
	m.m_cdev.access = access;
	m.m_cdev.user = sef_self();
	m.m_cdev.id = id;
	if ((r = ipc_sendrec(mem, &m)) != OK)
		return r;
	if (m.m_type != CDEV_REPLY || m.m_cdev_reply.id != id)
		return -EBADREQUEST;
	return m.m_cdev_reply.status;
}

/* Read or write count bytes of buf at pos of a character minor, through a fresh grant. */
static int
cdev_rw(int type, devminor_t minor, uint64_t pos, size_t count, int access)
{
	cp_grant_id_t g = cpf_grant_direct(mem, (vir_bytes)buf, count, access);
	int r = cdev_call(type, minor, g, pos, count, 0);

	cpf_revoke(g);
	return r;
}

/* Send a block request by SENDREC: the reply's status. */
static int
bdev_call(int type, devminor_t minor, cp_grant_id_t grant, uint64_t pos, size_t count)
{
	message m;
	uint32_t id = next_id++;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = type;
	m.m_bdev.minor = minor;
	m.m_bdev.grant = grant;
	m.m_bdev.pos = pos;
	m.m_bdev.count = count;
	m.m_bdev.access = BDEV_R_BIT | BDEV_W_BIT;
	m.m_bdev.user = sef_self();
	m.m_bdev.id = id;
	if ((r = ipc_sendrec(mem, &m)) != OK)
		return r;
	if (m.m_type != BDEV_REPLY || m.m_bdev_reply.id != id)
		return -EBADREQUEST;
	return m.m_bdev_reply.status;
}

/* Read (BDEV_READ) or write count bytes of buf at pos of /dev/imgrd. */
static int
bdev_rw(int type, uint64_t pos, size_t count)
{
	cp_grant_id_t g = cpf_grant_direct(mem, (vir_bytes)buf, count,
					   type == BDEV_READ ? CPF_WRITE : CPF_READ);
	int r = bdev_call(type, 6, g, pos, count);

	cpf_revoke(g);
	return r;
}

static int
all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	while (n-- > 0)
		if (*p++ != v)
			return 0;
	return 1;
}

static void
cases_ds(void)
{
	uint32_t v = 0;
	int r;

	r = ds_retrieve_label_endpt("memory", &mem);
	test_check("mem_label", r == OK && mem == MEM_PROC_NR, "%s, endpoint %d",
		   test_errname(r), mem);
	mem = MEM_PROC_NR;
	r = ds_retrieve_u32("drv.chr.memory", &v);
	test_check("mem_ds_chr_up", r == OK && v == DS_DRIVER_UP, "%s, value %u", test_errname(r), v);
	v = 0;
	r = ds_retrieve_u32("drv.blk.memory", &v);
	test_check("mem_ds_blk_up", r == OK && v == DS_DRIVER_UP, "%s, value %u", test_errname(r), v);
}

static void
cases_null_zero(void)
{
	int r;

	test_expect("mem_read_unopened", cdev_rw(CDEV_READ, 5, 0, 16, CPF_WRITE), -EIO);
	test_expect("mem_open_null", cdev_call(CDEV_OPEN, 3, GRANT_INVALID, 0, 0, CDEV_R_BIT | CDEV_W_BIT), OK);
	memset(buf, 0xAA, 100);
	r = cdev_rw(CDEV_READ, 3, 0, 100, CPF_WRITE);
	test_check("mem_null_read_eof", r == 0 && all_bytes(buf, 100, 0xAA), "read returned %d", r);
	test_expect("mem_null_write", cdev_rw(CDEV_WRITE, 3, 0, 100, CPF_READ), 100);
	test_expect("mem_open_zero", cdev_call(CDEV_OPEN, 5, GRANT_INVALID, 0, 0, CDEV_R_BIT), OK);
	memset(buf, 0xAA, sizeof(buf));
	r = cdev_rw(CDEV_READ, 5, 0, 3000, CPF_WRITE);
	test_check("mem_zero_read", r == 3000 && all_bytes(buf, 3000, 0) && buf[3000] == 0xAA,
		   "read returned %s, bytes %02x %02x", test_errname(r), buf[0], buf[3000]);
	test_expect("mem_zero_write", cdev_rw(CDEV_WRITE, 5, 0, 64, CPF_READ), 64);
	test_expect("mem_close_zero", cdev_call(CDEV_CLOSE, 5, GRANT_INVALID, 0, 0, 0), OK);
}

static void
cases_errors(void)
{
	cp_grant_id_t g;

	test_expect("mem_open_bad_minor", cdev_call(CDEV_OPEN, 9, GRANT_INVALID, 0, 0, CDEV_R_BIT), -ENXIO);
	test_expect("mem_open_kmem", cdev_call(CDEV_OPEN, 2, GRANT_INVALID, 0, 0, CDEV_R_BIT), -ENXIO);
	test_expect("mem_open_imgrd_as_char", cdev_call(CDEV_OPEN, 6, GRANT_INVALID, 0, 0, CDEV_R_BIT), -ENXIO);
	test_expect("mem_open_mem_write", cdev_call(CDEV_OPEN, 1, GRANT_INVALID, 0, 0, CDEV_W_BIT), -EACCES);
	g = cpf_grant_direct(mem, (vir_bytes)buf, 64, CPF_WRITE);
	cpf_revoke(g);
	test_expect("mem_zero_revoked_grant", cdev_call(CDEV_READ, 5, g, 0, 64, 0), -EPERM);
	test_expect("mem_zero_readonly_grant", cdev_rw(CDEV_READ, 5, 0, 64, CPF_READ), -EPERM);
	g = cpf_grant_direct(mem, (vir_bytes)buf, 64, CPF_WRITE);
	test_expect("mem_zero_grant_too_small", cdev_call(CDEV_READ, 5, g, 0, 128, 0), -EPERM);
	cpf_revoke(g);
	test_expect("mem_ioctl_enotty", cdev_call(CDEV_IOCTL, 3, GRANT_INVALID, 0, 0, 0), -ENOTTY);
}

/* A SENDREC of a type the driver does not serve, from a caller it accepts (callers=
 * mem_test): ENOSYS, and one whose type merely looks like NOTIFY_MESSAGE is a request too
 * (libdriver knows a notification by the IPC status word): never silence. */
static void
cases_unknown(void)
{
	static const int types[] = { TEST_RQ_BASE, NOTIFY_MESSAGE };
	static const char *const names[] = { "mem_unknown_enosys", "mem_notify_type_enosys" };
	message m;
	int r;

	for (int i = 0; i < 2; i++) {
		memset(&m, 0, sizeof(m));
		m.m_type = types[i];
		r = ipc_sendrec(mem, &m);
		test_check(names[i], r == OK && m.m_type == -ENOSYS, "SENDREC of %#x: IPC %s, "
			   "answer %d; want ENOSYS", types[i], test_errname(r), m.m_type);
	}
}

/* A request sent with SEND is answered asynchronously (asynsend), with its id. */
static void
case_async(void)
{
	cp_grant_id_t g = cpf_grant_direct(mem, (vir_bytes)buf, 32, CPF_WRITE);
	message m;
	int r;

	memset(&m, 0, sizeof(m));
	m.m_type = CDEV_READ;
	m.m_cdev.minor = 3;
	m.m_cdev.grant = g;
	m.m_cdev.count = 32;
	m.m_cdev.user = sef_self();
	m.m_cdev.id = 4242;
	r = ipc_send(mem, &m);
	if (r == OK)
		r = ipc_receive(mem, &m, NULL);
	test_check("mem_async_reply", r == OK && m.m_type == CDEV_REPLY &&
		   m.m_cdev_reply.id == 4242 && m.m_cdev_reply.status == 0,
		   "%s, type 0x%x, id %u, status %d", test_errname(r), m.m_type,
		   m.m_cdev_reply.id, m.m_cdev_reply.status);
	cpf_revoke(g);
}

/* The image module's physical place, from the boot information. */
static int
image_module(phys_bytes *base, uint32_t *size)
{
	uint32_t i;

	if (sys_getkinfo(&ki) != OK)
		return 0;
	for (i = 0; i < ki.mods_recorded; i++)
		if (strstr(ki.mods[i].mod_name, "type=data") != NULL) {
			*base = ki.mods[i].mod_start;
			*size = (ki.mods[i].mod_end - ki.mods[i].mod_start) & ~(BLK - 1);
			return 1;
		}
	return 0;
}

static void
case_physmem(phys_bytes base)
{
	uint16_t magic = 0;
	int r;

	test_expect("mem_open_mem", cdev_call(CDEV_OPEN, 1, GRANT_INVALID, 0, 0, CDEV_R_BIT), OK);
	r = cdev_rw(CDEV_READ, 1, base + MFS_SUPER_OFFSET, sizeof(struct mfs_super), CPF_WRITE);
	memcpy(&magic, buf + offsetof(struct mfs_super, s_magic), sizeof(magic));
	test_check("mem_physmem_read", r == (int)sizeof(struct mfs_super) && magic == MFS_MAGIC,
		   "read %s, magic 0x%x", test_errname(r), magic);
	test_expect("mem_physmem_write", cdev_rw(CDEV_WRITE, 1, base, 16, CPF_READ), -EACCES);
}

static void
cases_imgrd_read(uint32_t size)
{
	const struct mfs_super *sb = (const struct mfs_super *)(buf + MFS_SUPER_OFFSET);
	int r;

	test_expect("mem_bdev_read_unopened", bdev_rw(BDEV_READ, 0, BLK), -EIO);
	test_expect("mem_bdev_open_ram", bdev_call(BDEV_OPEN, 0, GRANT_INVALID, 0, 0), -ENXIO);
	test_expect("mem_bdev_open_null", bdev_call(BDEV_OPEN, 3, GRANT_INVALID, 0, 0), -ENXIO);
	test_expect("mem_bdev_open_imgrd", bdev_call(BDEV_OPEN, 6, GRANT_INVALID, 0, 0), OK);
	memset(buf, 0, sizeof(buf));
	r = bdev_rw(BDEV_READ, 0, 2 * BLK);
	test_check("mem_imgrd_superblock", r == 2 * BLK && sb->s_magic == MFS_MAGIC &&
		   sb->s_block_size == MFS_BLOCK_SIZE, "read %s, magic 0x%x, block size %u",
		   test_errname(r), sb->s_magic, sb->s_block_size);
	test_check("mem_imgrd_size", sb->s_zones * MFS_BLOCK_SIZE == size,
		   "%u zones of the superblock, image %u bytes", sb->s_zones, size);
	test_expect("mem_imgrd_past_end", bdev_rw(BDEV_READ, size, BLK), -EIO);
	test_expect("mem_imgrd_far_past_end", bdev_rw(BDEV_READ, 1ull << 40, BLK), -EIO);
	test_expect("mem_imgrd_cut_at_end", bdev_rw(BDEV_READ, size - BLK, 2 * BLK), BLK);
	test_expect("mem_imgrd_unaligned_pos", bdev_rw(BDEV_READ, 512, BLK), -EINVAL);
	test_expect("mem_imgrd_unaligned_size", bdev_rw(BDEV_READ, 0, 100), -EINVAL);
}

static void
cases_imgrd_write(uint32_t size)
{
	static uint8_t saved[BLK];
	uint64_t last = size - BLK;
	cp_grant_id_t g;
	int r;

	r = bdev_rw(BDEV_READ, last, BLK);
	memcpy(saved, buf, BLK);
	memset(buf, 0x5A, BLK);
	test_expect("mem_imgrd_write", bdev_rw(BDEV_WRITE, last, BLK), BLK);
	memset(buf, 0, BLK);
	r = bdev_rw(BDEV_READ, last, BLK);
	test_check("mem_imgrd_read_back", r == BLK && all_bytes(buf, BLK, 0x5A), "read %s, byte %02x",
		   test_errname(r), buf[0]);
	memcpy(buf, saved, BLK);
	test_expect("mem_imgrd_restore", bdev_rw(BDEV_WRITE, last, BLK), BLK);
	g = cpf_grant_direct(mem, (vir_bytes)buf, BLK, CPF_WRITE);
	cpf_revoke(g);
	test_expect("mem_imgrd_revoked_grant", bdev_call(BDEV_READ, 6, g, 0, BLK), -EPERM);
	test_expect("mem_imgrd_close", bdev_call(BDEV_CLOSE, 6, GRANT_INVALID, 0, 0), OK);
}

int
main(int argc, char **argv)
{
	phys_bytes base = 0;
	uint32_t size = 0;

	test_init("mem_test", argc, argv);
	sef_startup();
	cases_ds();
	cases_null_zero();
	cases_errors();
	cases_unknown();
	case_async();
	if (!test_check("mem_image_module", image_module(&base, &size) && size > 2 * BLK,
			"no type=data boot module")) {
		test_done();
		return 0;
	}
	case_physmem(base);
	cases_imgrd_read(size);
	cases_imgrd_write(size);
	test_done();
	return 0;
}
