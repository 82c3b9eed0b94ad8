/** Environment of the mini-program's component tests: the H5 build's view of the world. */
process.env.TARO_ENV = 'h5'
process.env.TARO_APP_API_BASE = ''
