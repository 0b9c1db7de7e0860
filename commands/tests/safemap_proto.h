/*
 * safemap_proto.h - the private protocol between safemap_owner and its two safemap_peer
 * processes (commands/tests/safemap_owner.c, safemap_peer.c).
 *
 * Each peer starts by SENDing SM_HELLO to safemap_owner (word A: its role), then serves
 * requests: it RECEIVEs one from the owner, does it and SENDs back m_type = the result (OK
 * or a negated error) with the words below.  The owner asks with SENDREC; a peer killed
 * while doing a request (SIGSEGV) shows up as EDEADSRCDST.
 *
 *   request            A          B          C          D          E          reply word A
 *   SM_MAP             granter    grant      offset     address    bytes      -
 *                      (F: writable)  sys_safemap
 *   SM_UNMAP           address    -          -          -          -          -
 *   SM_READ            address    -          -          -          -          the word there
 *   SM_WRITE           address    value      -          -          -          -
 *   SM_GRANT           grantee    access     value      -          -          grant id
 *                      (a grant of the peer's own page, first filled with value; reply
 *                      word B: the page's address)
 *   SM_SET             value      -          -          -          -          -
 *                      (the first word of the peer's own page becomes value)
 *   SM_GRANT_INDIRECT  grantee    from       grant      -          -          grant id
 *   SM_REVMAP          grant      -          -          -          -          -
 *                      sys_saferevmap_gid of the peer's own table
 */
#ifndef SAFEMAP_PROTO_H
#define SAFEMAP_PROTO_H

#include <minnow/com.h>

#define SM_HELLO                (TEST_RQ_BASE + 0x60)
#define SM_MAP                  (TEST_RQ_BASE + 0x61)
#define SM_UNMAP                (TEST_RQ_BASE + 0x62)
#define SM_READ                 (TEST_RQ_BASE + 0x63)
#define SM_WRITE                (TEST_RQ_BASE + 0x64)
#define SM_GRANT                (TEST_RQ_BASE + 0x65)
#define SM_GRANT_INDIRECT       (TEST_RQ_BASE + 0x66)
#define SM_REVMAP               (TEST_RQ_BASE + 0x67)
#define SM_SET                  (TEST_RQ_BASE + 0x68)

/* Payload words. */
#define SM_A 0
#define SM_B 1
#define SM_C 2
#define SM_D 3
#define SM_E 4
#define SM_F 5

/* Roles (SM_HELLO word A). */
#define SM_ROLE_GRANTEE 1       /* maps the owner's pages */
#define SM_ROLE_OTHER   2       /* a third party, a relay, and a granter to the owner */

#define SM_PAGE         4096u

#endif /* SAFEMAP_PROTO_H */
