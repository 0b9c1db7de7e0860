/*
 * vfs_blob.S - the ELF of vfs_child, carried inside vfs_test (which writes it to a file and
 * execs it).  VFS_CHILD is its path in the build tree (commands/Makefile.inc).
 */
	.section .rodata
	.globl vfs_child_image, vfs_child_end
	.balign 4
vfs_child_image:
	.incbin VFS_CHILD
vfs_child_end:
	.section .note.GNU-stack, "", @progbits
