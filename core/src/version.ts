/** The kernel's version; plugins declare the range they support in `kernel`. */
export const KERNEL_VERSION = '0.1.0';
